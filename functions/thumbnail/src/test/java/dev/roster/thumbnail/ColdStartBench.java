package dev.roster.thumbnail;

import dev.roster.core.PhotoKeys;
import dev.roster.emulator.LocalAws;
import dev.roster.emulator.SamTemplate;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Benchmark, not a test: JVM start to first response of ListProfilesFunction and ThumbnailFunction, each
 * in a fresh JVM whose class path is the function's deployable artifact as {@code sam build} lays it out
 * (see bench/cold-start), against a local emulator. The thumbnail event is a real upload (a 12 MP JPEG the
 * profile waits for), so its first response includes reading the profile, fetching the photo, the image
 * work, four crop PUTs, the original's copy and the transaction.
 * <p>
 * Arguments: build directory (holding RosterLayer/, ListProfilesFunction/, ThumbnailFunction/), runs,
 * launcher class path (this class's directory and the event serializer jar), then JVM options.
 */
public final class ColdStartBench {
    private ColdStartBench() {}

    public static void main(String[] args) throws Exception {
        Path build = Path.of(args[0]);
        int runs = Integer.parseInt(args[1]);
        String launcherPath = args[2];
        List<String> jvmOptions = List.of(Arrays.copyOfRange(args, 3, args.length));
        String layer = jars(build.resolve("RosterLayer/java/lib"));
        Path work = Files.createTempDirectory("roster-cold-start");
        try (LocalAws aws = LocalAws.start(SamTemplate.locate(), Map.of())) {
            Profiles profiles = new Profiles(aws);
            Uploads uploads = new Uploads(aws);
            byte[] photo = TestImages.jpeg(TestImages.photoLike(4000, 3000));
            profiles.waitingForUpload("reader01", "up0", List.of("java"));

            Path listEvent = work.resolve("list.json");
            Files.copy(SamTemplate.locate().path().getParent().resolve("events/get-profiles.json"), listEvent);
            Map<String, String> listEnv = environment(
                    aws, aws.functionEnvironment("ListProfilesFunction", Map.of("CURSOR_SECRET", "cold-start-secret")));
            Map<String, String> thumbEnv = environment(
                    aws,
                    aws.functionEnvironment(
                            "ThumbnailFunction", Map.of("PHOTOS_BASE_URL", "https://photos.example.org")));
            // the layer's lib/ stands for /opt/lib; COLD_START_LIBVIPS=0 measures the function with ImageIO only
            boolean libvips = !"0".equals(System.getenv("COLD_START_LIBVIPS"));
            thumbEnv.put(
                    "LIBVIPS_DIR",
                    libvips
                            ? build.resolve("RosterLayer/lib").toString()
                            : work.resolve("no-libvips").toString());
            String decoderLine = libvips ? "JPEGs are decoded by libvips" : "native JPEG decoder unavailable";

            System.out.printf(
                    Locale.ROOT,
                    "JVM options: %s; %d runs each; load %s; thumbnail JPEG decoder: %s%n",
                    jvmOptions,
                    runs,
                    load(),
                    libvips ? "libvips (the layer's lib/)" : "ImageIO");
            List<String> list = new ArrayList<>();
            List<String> thumbnail = new ArrayList<>();
            for (int run = 0; run < runs; run++) {
                list.add(lastLine(launch(
                        classPath(build, "ListProfilesFunction", layer, launcherPath),
                        jvmOptions,
                        listEnv,
                        "dev.roster.list.ListProfilesHandler",
                        "com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent",
                        listEvent)));
                String profileId = "cold%04d".formatted(run);
                profiles.waitingForUpload(profileId, "up1", List.of("java", "rust"));
                var event = uploads.put(PhotoKeys.upload(profileId, "up1"), photo);
                Path thumbEvent = work.resolve("s3-" + run + ".json");
                Files.writeString(thumbEvent, s3EventJson(event));
                String out = launch(
                        classPath(build, "ThumbnailFunction", layer, launcherPath),
                        jvmOptions,
                        thumbEnv,
                        "dev.roster.thumbnail.ThumbnailHandler",
                        "com.amazonaws.services.lambda.runtime.events.S3Event",
                        thumbEvent);
                if (!out.contains(decoderLine)) {
                    throw new IllegalStateException("the thumbnail function did not say '" + decoderLine + "': " + out);
                }
                thumbnail.add(lastLine(out));
            }
            report("ListProfilesFunction (GET /profiles, limit=24)", list);
            report("ThumbnailFunction (S3 event, 12 MP JPEG)", thumbnail);
        }
    }

    private static String s3EventJson(com.amazonaws.services.lambda.runtime.events.S3Event event) {
        var record = event.getRecords().getFirst();
        String bucket = record.getS3().getBucket().getName();
        return """
                {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"us-east-1",
                 "eventTime":"2026-11-25T10:15:30.123Z","eventName":"ObjectCreated:Put",
                 "s3":{"s3SchemaVersion":"1.0","bucket":{"name":"%s","arn":"arn:aws:s3:::%s"},
                       "object":{"key":"%s","size":%d,"eTag":"0cc175b9c0f1b6a831c399e269772661"}}}]}
                """.formatted(
                        bucket,
                        bucket,
                        record.getS3().getObject().getKey(),
                        record.getS3().getObject().getSizeAsLong());
    }

    private static Map<String, String> environment(LocalAws aws, Map<String, String> function) {
        Map<String, String> env = new LinkedHashMap<>(function);
        env.put("AWS_ENDPOINT_URL", aws.endpoint().toString());
        env.put("AWS_REGION", LocalAws.REGION.id());
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        return env;
    }

    /** What Lambda puts on the class path: the function's root, its lib/ jars, the layer's java/lib jars. */
    private static String classPath(Path build, String function, String layer, String launcherPath) throws Exception {
        Path root = build.resolve(function);
        String own = Files.isDirectory(root.resolve("lib")) ? jars(root.resolve("lib")) : "";
        return String.join(
                File.pathSeparator,
                Stream.of(root.toString(), own, layer, launcherPath)
                        .filter(s -> !s.isEmpty())
                        .toList());
    }

    private static String jars(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return String.join(
                    File.pathSeparator,
                    files.filter(p -> p.toString().endsWith(".jar"))
                            .sorted()
                            .map(Path::toString)
                            .toList());
        }
    }

    private static String launch(
            String classPath,
            List<String> jvmOptions,
            Map<String, String> env,
            String handler,
            String eventClass,
            Path event)
            throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath, ColdStartLauncher.class.getName()));
        long started = System.currentTimeMillis();
        command.add(Long.toString(started));
        command.addAll(List.of(handler, eventClass, event.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(false);
        builder.environment().clear();
        builder.environment().put("PATH", System.getenv("PATH"));
        builder.environment().putAll(env);
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes()).trim();
        String last = lastLine(out);
        if (process.waitFor() != 0 || !last.startsWith("{")) {
            throw new IllegalStateException(handler + " failed: " + out);
        }
        return out; // the handler's own log lines, then the launcher's figures
    }

    private static String lastLine(String out) {
        return out.lines().reduce((a, b) -> b).orElse("");
    }

    private static void report(String function, List<String> lines) {
        long[] constructed = lines.stream()
                .mapToLong(l -> field(l, "constructed_ms"))
                .sorted()
                .toArray();
        long[] responded = lines.stream()
                .mapToLong(l -> field(l, "first_response_ms"))
                .sorted()
                .toArray();
        System.out.printf(
                Locale.ROOT,
                "%-50s handler built %5d ms, first response %5d ms (median of %d; min %d, max %d)%n",
                function,
                constructed[constructed.length / 2],
                responded[responded.length / 2],
                responded.length,
                responded[0],
                responded[responded.length - 1]);
        System.out.println("  last: " + lines.getLast());
    }

    private static long field(String json, String name) {
        int at = json.indexOf("\"" + name + "\":") + name.length() + 3;
        int end = at;
        while (end < json.length() && Character.isDigit(json.charAt(end))) {
            end++;
        }
        return Long.parseLong(json.substring(at, end));
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
