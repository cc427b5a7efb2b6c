package dev.roster.thumbnail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Hostile uploads through the function's decode-and-crop path, in a JVM whose heap is the function's memory
 * size from template.yaml: a decoder that tried to allocate what a bomb declares fails here with an
 * OutOfMemoryError, and one that hung would not finish before the function's timeout. Each case is either
 * processed (and its crops carry nothing of the source's metadata) or rejected with its reason.
 * XXE: the XMP packets' entities point at a loopback URL that counts requests and at a FIFO with no writer,
 * which blocks whoever opens it for reading; so any resolution of either entity fails this test.
 */
class HostileUploadTest {
    private static final Path TEMPLATE = Path.of("../../template.yaml");
    private static final AtomicInteger ENTITY_REQUESTS = new AtomicInteger();
    private static HttpServer entityServer;
    private static Path fifo;
    private static List<HostileFiles.Case> cases;
    private static final Map<Integer, String[]> RESULTS = new ConcurrentHashMap<>();
    private static int memoryMb;
    private static int timeoutSeconds;
    private static String summary;

    @BeforeAll
    static void decodeEveryCaseInAJvmWithTheFunctionsHeap() throws Exception {
        entityServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        entityServer.createContext("/", exchange -> {
            ENTITY_REQUESTS.incrementAndGet();
            byte[] body = "<!ENTITY leaked 'LEAKED-OVER-HTTP'>".getBytes(StandardCharsets.US_ASCII);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        entityServer.start();
        fifo = Files.createTempDirectory("xxe").resolve("secret.fifo");
        Process mkfifo =
                new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertEquals(0, mkfifo.waitFor(), "mkfifo");
        String url = "http://127.0.0.1:" + entityServer.getAddress().getPort() + "/xxe";
        cases = HostileFiles.all(url, fifo.toString());

        String template = Files.readString(TEMPLATE);
        memoryMb = functionSetting(template, "MemorySize");
        timeoutSeconds = functionSetting(template, "Timeout");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // the function's decoder: libvips for plain JPEGs (as the build fetched it for this machine), else ImageIO
        Process fork = new ProcessBuilder(
                        java,
                        "-Xmx" + memoryMb + "m",
                        "-Djava.awt.headless=true",
                        "--enable-native-access=ALL-UNNAMED",
                        "-Droster.libvips.dir=" + System.getProperty("roster.libvips.dir", ""),
                        "-cp",
                        System.getProperty("java.class.path"),
                        HostileDecode.class.getName(),
                        url,
                        fifo.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        List<String> started = new ArrayList<>();
        Thread reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(fork.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    String[] fields = line.split("\t", 5);
                    switch (fields[0]) {
                        case "START" -> started.add(fields[1]);
                        case "CASE" -> RESULTS.put(Integer.parseInt(fields[1]), fields);
                        case "DONE" -> summary = line;
                        default -> System.out.println(line);
                    }
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        // every case gets the function's timeout at most, but the whole run must stay short for CI
        if (!fork.waitFor(Math.min(cases.size() * (long) timeoutSeconds, 240), TimeUnit.SECONDS)) {
            fork.destroyForcibly().waitFor();
        }
        reader.join(5_000);
        System.out.printf("%-60s %-10s %8s  %s%n", "case (heap " + memoryMb + " MB)", "outcome", "ms", "detail");
        for (int i = 0; i < cases.size(); i++) {
            String[] r = RESULTS.get(i);
            System.out.printf(
                    "%-60s %-10s %8s  %s%n",
                    cases.get(i).name(),
                    r == null ? "UNFINISHED" : r[2],
                    r == null ? "-" : r[3],
                    r == null ? "" : r[4]);
        }
        if (RESULTS.size() < cases.size()) {
            String last = started.isEmpty()
                    ? "none"
                    : cases.get(Integer.parseInt(started.getLast())).name();
            System.out.println("the decoding JVM stopped early; last case started: " + last);
        }
    }

    @AfterAll
    static void stop() throws IOException {
        if (entityServer != null) {
            entityServer.stop(0);
        }
        if (fifo != null) {
            Files.deleteIfExists(fifo);
            Files.deleteIfExists(fifo.getParent());
        }
    }

    @TestFactory
    Stream<DynamicTest> eachFileIsProcessedOrRejectedWithItsReasonWithinTheFunctionsHeapAndTimeout() {
        return java.util.stream.IntStream.range(0, cases.size())
                .mapToObj(i -> DynamicTest.dynamicTest(cases.get(i).name(), () -> {
                    String[] result = RESULTS.get(i);
                    assertNotNull(result, "never finished under -Xmx" + memoryMb + "m (hung or killed the JVM)");
                    String outcome = result[2];
                    long millis = Long.parseLong(result[3]);
                    String detail = result[4];
                    assertTrue(
                            millis < timeoutSeconds * 1000L,
                            "took " + millis + " ms, over the function's " + timeoutSeconds + " s");
                    switch (cases.get(i).expected()) {
                        case HostileFiles.Expected.Processed p -> {
                            assertEquals("PROCESSED", outcome, detail);
                            assertEquals("clean", detail, "the crops carry something of the source");
                        }
                        case HostileFiles.Expected.Rejected r -> {
                            assertEquals("REJECTED", outcome, detail);
                            assertEquals(r.reason(), detail);
                        }
                        case HostileFiles.Expected.ProcessedOrRejected any -> {
                            assertTrue(
                                    outcome.equals("PROCESSED") || outcome.equals("REJECTED"), outcome + ": " + detail);
                            if (outcome.equals("PROCESSED")) {
                                assertEquals("clean", detail, "the crops carry something of the source");
                            } else {
                                assertTrue(
                                        detail.startsWith("the photo could not be read")
                                                || detail.startsWith("photo is "),
                                        "a rejection a member can act on: " + detail);
                            }
                        }
                    }
                }));
    }

    @Test
    void noExternalEntityWasFetchedAndTheRunUsedTheFunctionsHeap() {
        assertEquals(0, ENTITY_REQUESTS.get(), "an XMP entity was resolved over the network");
        assertNotNull(summary, "the decoding JVM did not finish");
        assertTrue(summary.endsWith(" MB heap"), summary);
        long heapMb = Long.parseLong(summary.split("\t")[2].split(" ")[0]);
        assertTrue(heapMb <= memoryMb, summary);
    }

    /** The ThumbnailFunction's own setting if it has one, else the template's Globals. */
    static int functionSetting(String template, String name) {
        Matcher function = Pattern.compile("(?m)^  ThumbnailFunction:\\n((?:^(?:    .*|\\s*)\\n)+)")
                .matcher(template);
        assertTrue(function.find(), "no ThumbnailFunction in template.yaml");
        Matcher own = Pattern.compile("(?m)^      " + name + ": (\\d+)").matcher(function.group(1));
        if (own.find()) {
            return Integer.parseInt(own.group(1));
        }
        Matcher globals = Pattern.compile("(?m)^Globals:\\n  Function:\\n((?:^(?:    .*|\\s*)\\n)+)")
                .matcher(template);
        assertTrue(globals.find(), "no Globals.Function in template.yaml");
        Matcher global = Pattern.compile("(?m)^    " + name + ": (\\d+)").matcher(globals.group(1));
        if (!global.find()) {
            fail("no " + name + " for ThumbnailFunction in template.yaml");
        }
        return Integer.parseInt(global.group(1));
    }
}
