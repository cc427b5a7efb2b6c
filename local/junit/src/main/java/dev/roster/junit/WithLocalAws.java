package dev.roster.junit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against a local AWS made from {@code template.yaml} (moto server on loopback, started
 * once per test JVM). Each class starts from empty resources; inject {@link dev.roster.emulator.LocalAws}
 * as a parameter to reach its clients and names. The SDK's defaults point at the emulator too, so the
 * functions' no-argument constructors work unchanged.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(LocalAwsExtension.class)
public @interface WithLocalAws {}
