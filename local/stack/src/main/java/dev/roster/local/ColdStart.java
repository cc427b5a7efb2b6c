package dev.roster.local;

import static dev.roster.emulator.SamTemplate.properties;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.jr.ob.JSON;
import dev.roster.core.Env;
import dev.roster.core.PhotoKeys;
import dev.roster.core.table.ItemAttributes;
import dev.roster.core.table.Keys;
import dev.roster.emulator.LocalAws;
import dev.roster.emulator.SamTemplate;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Cold start of each function, measured locally (bench/cold-start-priming): a fresh JVM per run, with the
 * function's template environment and the template's {@code JAVA_TOOL_OPTIONS}, against moto. It builds the
 * handler the way Lambda does (no-argument constructor), optionally primes it (calls its CRaC resource's
 * {@code beforeCheckpoint}, which SnapStart runs before the snapshot), then handles one real event.
 * <p>
 * Without priming, "first request" is what the first caller of a new execution environment waits for
 * after init. With priming, init and priming happen before the snapshot, so what a restored environment's
 * first caller waits for (restore aside, which cannot be emulated here) is the "first request" figure.
 * "parse" is the Lambda runtime's own event deserialisation (its serialiser, as the runtime uses it),
 * reported apart because the functions' priming does not cover it; a stream handler (the API functions)
 * reads its event itself, so its parse is part of "1st req" and primed with the rest.
 */
public final class ColdStart {
    private static final String JVM_OPTIONS = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1";
    private static final List<String> FUNCTIONS =
            List.of("ListProfilesFunction", "ProfileFunction", "ThumbnailFunction", "OpsFunction");

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--child")) {
            child(args[1], args[2], Boolean.parseBoolean(args[3]));
            return;
        }
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        // further arguments: only these functions (e.g. ListProfilesFunction), to look at one closely
        List<String> functions = args.length > 1 ? List.of(args).subList(1, args.length) : FUNCTIONS;
        SamTemplate template = SamTemplate.locate();
        Path events = template.path().toAbsolutePath().getParent().resolve("events");
        Path scratch = Files.createTempDirectory("roster-cold-start");
        try (LocalAws aws =
                LocalAws.start(template, Map.of("JwtIssuer", "http://127.0.0.1/local", "JwtAudience", "roster-web"))) {
            byte[] photo = jpeg();
            System.out.printf(
                    Locale.ROOT,
                    "%-22s %-9s %9s %9s %9s %9s %9s %9s %12s   (median of %d fresh JVMs, ms)%n",
                    "function",
                    "priming",
                    "init",
                    "prime",
                    "parse",
                    "1st req",
                    "1st CPU",
                    "2nd req",
                    "JVM→1st resp",
                    runs);
            for (String function : functions) {
                for (boolean primed : new boolean[] {false, true}) {
                    List<Map<String, Object>> results = new ArrayList<>();
                    for (int run = 0; run < runs; run++) {
                        String event = switch (function) {
                            case "ListProfilesFunction" -> Files.readString(events.resolve("get-profiles.json"));
                            case "ProfileFunction" -> Files.readString(events.resolve("get-me.json"));
                            case "ThumbnailFunction" -> uploadEvent(aws, photo, "u" + primed + run);
                            default -> "{\"job\":\"reprocess\",\"dryRun\":true}";
                        };
                        Path file = scratch.resolve(function + "-" + primed + "-" + run + ".json");
                        Files.writeString(file, event);
                        results.add(runChild(aws, function, file, primed));
                    }
                    double second = median(results, "secondRequestMs");
                    System.out.printf(
                            Locale.ROOT,
                            "%-22s %-9s %9.0f %9.0f %9.0f %9.0f %9.0f %9s %12.0f%n",
                            function,
                            primed ? "yes" : "no",
                            median(results, "initMs"),
                            median(results, "primeMs"),
                            median(results, "parseMs"),
                            median(results, "firstRequestMs"),
                            median(results, "firstRequestCpuMs"),
                            second < 0 ? "-" : String.format(Locale.ROOT, "%.0f", second),
                            median(results, "wallMs"));
                }
            }
        }
    }

    private static Map<String, Object> runChild(LocalAws aws, String function, Path event, boolean primed)
            throws Exception {
        Map<String, Object> props = properties(aws.template().resource(function));
        String handler = String.valueOf(props.get("Handler"));
        Map<String, String> env = new LinkedHashMap<>(aws.functionEnvironment(
                function,
                Map.of("CURSOR_SECRET", "cold-start-secret-cold-start-secret", "PHOTOS_BASE_URL", "http://127.0.0.1")));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(JVM_OPTIONS.split(" ")));
        // e.g. COLD_START_JAVA_OPTIONS=-Xlog:class+load:file=/tmp/list-%p.log: what each phase loads
        String extra = System.getenv().getOrDefault("COLD_START_JAVA_OPTIONS", "");
        if (!extra.isBlank()) {
            command.addAll(List.of(extra.strip().split("\\s+")));
        }
        command.addAll(List.of(
                "-cp",
                System.getProperty("java.class.path"),
                ColdStart.class.getName(),
                "--child",
                handler,
                event.toString(),
                Boolean.toString(primed)));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        builder.environment().put("AWS_ENDPOINT_URL", aws.endpoint().toString());
        builder.environment().put("AWS_REGION", LocalAws.REGION.id());
        builder.environment().put("AWS_ACCESS_KEY_ID", "local");
        builder.environment().put("AWS_SECRET_ACCESS_KEY", "local");
        long started = System.nanoTime();
        Process process = builder.start();
        Map<String, Object> result = null;
        List<String> output = new ArrayList<>();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("COLD-START ")) {
                    result = new LinkedHashMap<>(JSON.std.mapFrom(line.substring("COLD-START ".length())));
                    double second = Math.max(0, ((Number) result.get("secondRequestMs")).doubleValue());
                    double probe = ((Number) result.get("probeMs")).doubleValue();
                    // to the first response, without the CPU probe
                    result.put("wallMs", (System.nanoTime() - started) / 1e6 - second - probe);
                } else {
                    output.add(line);
                }
            }
        }
        if (process.waitFor() != 0 || result == null) {
            throw new IllegalStateException(function + " run failed:\n" + String.join("\n", output));
        }
        return result;
    }

    /** In the fresh JVM: the handler as Lambda builds it, priming if asked, one event; phases timed from main(). */
    private static void child(String handlerName, String eventFile, boolean primed) throws Exception {
        long start = System.nanoTime();
        Class<?> type = Class.forName(handlerName.substring(0, handlerName.indexOf("::")));
        Object handler = type.getConstructor().newInstance();
        long constructed = System.nanoTime();
        if (primed) {
            // what SnapStart runs before the snapshot: the function's priming resource (its XPriming class)
            String priming = type.getName().replace("Handler", "Priming");
            ((org.crac.Resource)
                            Class.forName(priming).getConstructor(Env.class).newInstance(Env.system()))
                    .beforeCheckpoint(null);
        }
        long ready = System.nanoTime();
        // the CPU the handler's thread spends on the first request: what priming can remove, and far less
        // disturbed than the wall time by other processes on a shared machine (JIT and GC threads not counted).
        // Getting the probe loads classes: that time is left out of every figure.
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        threads.getCurrentThreadCpuTime();
        long probed = System.nanoTime();
        Method method = null;
        for (Method candidate : type.getMethods()) {
            if (candidate.getName().equals("handleRequest")
                    && candidate.getParameterTypes()[candidate.getParameterCount() - 1] == Context.class
                    && candidate.getParameterTypes()[0] != Object.class) {
                method = candidate;
            }
        }
        byte[] json = Files.readAllBytes(Path.of(eventFile));
        boolean stream = method.getParameterCount() == 3;
        // a stream handler reads the event itself (inside "1st req"); for the others the runtime parses it first
        Object event = stream ? null : parse(method.getParameterTypes()[0], json);
        long cpuBefore = threads.getCurrentThreadCpuTime();
        long parsed = System.nanoTime();
        Object response = invoke(method, handler, event, json);
        long done = System.nanoTime();
        long cpuAfter = threads.getCurrentThreadCpuTime();
        // the same request again, warm: what is left of "1st req" that no priming can remove (moto's answer time)
        double secondMs = -1;
        if (!type.getSimpleName().startsWith("Thumbnail")) { // a second identical upload event would be a no-op
            Object again = stream ? null : parse(method.getParameterTypes()[0], json);
            long before = System.nanoTime();
            invoke(method, handler, again, json);
            secondMs = (System.nanoTime() - before) / 1e6;
        }
        if (response == null && !type.getSimpleName().startsWith("Thumbnail")) {
            throw new IllegalStateException("no response");
        }
        System.out.println("COLD-START "
                + JSON.std.asString(Map.of(
                        "initMs",
                        (constructed - start) / 1e6,
                        "primeMs",
                        (ready - constructed) / 1e6,
                        "parseMs",
                        (parsed - probed) / 1e6,
                        "firstRequestMs",
                        (done - parsed) / 1e6,
                        "firstRequestCpuMs",
                        (cpuAfter - cpuBefore) / 1e6,
                        "secondRequestMs",
                        secondMs,
                        "probeMs",
                        (probed - ready) / 1e6)));
        System.exit(0);
    }

    private static Object parse(Class<?> input, byte[] json) throws Exception {
        return input == Map.class
                ? JSON.std.mapFrom(json)
                : LambdaEventSerializers.serializerFor(input, ColdStart.class.getClassLoader())
                        .fromJson(new java.io.ByteArrayInputStream(json));
    }

    /** The handler called as the runtime calls it: the parsed event, or (a stream handler) the event's bytes. */
    private static Object invoke(Method method, Object handler, Object event, byte[] json) throws Exception {
        if (method.getParameterCount() == 3) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            method.invoke(handler, new java.io.ByteArrayInputStream(json), out, null);
            return out.toString(StandardCharsets.UTF_8);
        }
        return method.invoke(handler, event, null);
    }

    /** A profile waiting for a fresh upload, the upload in the bucket, and the S3 event for it. */
    private static String uploadEvent(LocalAws aws, byte[] photo, String uploadId) {
        String table = aws.physicalName("ProfilesTable");
        aws.dynamoDb()
                .putItem(b -> b.tableName(table)
                        .item(Map.of(
                                Keys.PK,
                                AttributeValue.fromS(Keys.profilePk("main", "coldcold")),
                                Keys.SK,
                                AttributeValue.fromS(Keys.PROFILE_SK),
                                ItemAttributes.PROFILE_ID,
                                AttributeValue.fromS("coldcold"),
                                ItemAttributes.PENDING_UPLOAD_ID,
                                AttributeValue.fromS(uploadId),
                                ItemAttributes.VERSION,
                                AttributeValue.fromN("1"),
                                ItemAttributes.VISIBLE,
                                AttributeValue.fromBool(false),
                                ItemAttributes.TAGS,
                                AttributeValue.fromL(List.of()))));
        String bucket = aws.physicalName("UploadsBucket");
        String key = PhotoKeys.upload("coldcold", uploadId);
        aws.s3().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(photo));
        return """
                {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"us-east-1",
                 "eventTime":"2026-11-25T10:15:30.123Z","eventName":"ObjectCreated:Put",
                 "s3":{"s3SchemaVersion":"1.0","bucket":{"name":"%s","arn":"arn:aws:s3:::%s"},
                       "object":{"key":"%s","size":%d,"eTag":"0cc175b9c0f1b6a831c399e269772661"}}}]}
                """.formatted(bucket, bucket, key, photo.length);
    }

    /** A photo-like 12 MP JPEG (what phones upload). */
    private static byte[] jpeg() throws Exception {
        BufferedImage image = new BufferedImage(4000, 3000, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, Color.ORANGE, 4000, 3000, Color.BLUE));
        g.fillRect(0, 0, 4000, 3000);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }

    private static double median(List<Map<String, Object>> results, String key) {
        List<Double> values = results.stream()
                .map(r -> ((Number) r.get(key)).doubleValue())
                .sorted()
                .toList();
        return values.get(values.size() / 2);
    }
}
