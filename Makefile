# Build targets for `sam build` (BuildMethod: makefile). SAM calls build-<LogicalId> with ARTIFACTS_DIR set;
# each target builds its module with the Maven reactor, so modules keep their parent POM.
# The layer carries roster-core and its jars under java/lib, and libvips for the functions' architecture with its
# licence notice under lib/ (/opt/lib on Lambda, where the thumbnail function loads it); each function carries
# only its own classes (at the zip root) and its own extra jars (lib/).

MVN ?= ./mvnw -q -ntp -B
JAVA_HOME ?= $(firstword $(wildcard /usr/lib/jvm/temurin-25-jdk* /usr/lib/jvm/java-25-*))
export JAVA_HOME
# template.yaml: Globals.Function.Architectures
LIBVIPS_ARCH ?= arm64

define function_artifacts
	$(MVN) -pl $(1) -am package -DskipTests
	cp -R $(1)/target/classes/. $(ARTIFACTS_DIR)/
	mkdir -p $(ARTIFACTS_DIR)/lib
	if [ -n "$$(ls -A $(1)/target/lambda-lib 2>/dev/null)" ]; then cp $(1)/target/lambda-lib/*.jar $(ARTIFACTS_DIR)/lib/; fi
endef

build-RosterLayer:
	$(MVN) -pl layers/core -am package -DskipTests
	mkdir -p $(ARTIFACTS_DIR)/java/lib
	cp layers/core/target/roster-core-*.jar layers/core/target/lambda-lib/*.jar $(ARTIFACTS_DIR)/java/lib/
	bash layers/libvips/fetch $(LIBVIPS_ARCH) $(ARTIFACTS_DIR)/lib
	rm -f $(ARTIFACTS_DIR)/lib/.libvips-integrity

build-ListProfilesFunction:
	$(call function_artifacts,functions/list-profiles)

build-ProfileFunction:
	$(call function_artifacts,functions/profile)

build-ThumbnailFunction:
	$(call function_artifacts,functions/thumbnail)

build-OpsFunction:
	$(call function_artifacts,functions/ops)

# the publisher carries the web client it publishes (config.json is written from the stack's values)
build-SitePublisherFunction:
	$(call function_artifacts,functions/site-publisher)
	mkdir -p $(ARTIFACTS_DIR)/site
	cp -R web/. $(ARTIFACTS_DIR)/site/

.PHONY: build-RosterLayer build-ListProfilesFunction build-ProfileFunction build-ThumbnailFunction build-OpsFunction \
	build-SitePublisherFunction
