package dev.roster.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The web client is served as the distribution serves it: text gzipped for browsers that take it, images as they are. */
class StaticFilesTest {
    @TempDir
    Path web;

    private FrontDoor.Response get(String path, String acceptEncoding) {
        Map<String, List<String>> headers =
                acceptEncoding == null ? Map.of() : Map.of("accept-encoding", List.of(acceptEncoding));
        return new StaticFiles(web)
                .serve(new IncomingRequest("GET", path, "", headers, new byte[0], "127.0.0.1", "HTTP/1.1"));
    }

    @Test
    void textIsGzippedForABrowserThatAcceptsItAndIsTheSameFileUnzipped() throws IOException {
        byte[] script = "export const roster = 'directory';\n".repeat(100).getBytes(StandardCharsets.UTF_8);
        Files.write(web.resolve("app.js"), script);

        FrontDoor.Response zipped = get("/app.js", "gzip, deflate, br, zstd");
        FrontDoor.Response plain = get("/app.js", null);

        assertEquals("gzip", zipped.headers().get("content-encoding"));
        assertEquals("accept-encoding", zipped.headers().get("vary"), "caches keep the two apart");
        assertTrue(zipped.body().length < script.length / 5, zipped.body().length + " bytes");
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(zipped.body()))) {
            assertArrayEquals(script, in.readAllBytes());
        }
        assertNull(plain.headers().get("content-encoding"));
        assertArrayEquals(script, plain.body());
    }

    @Test
    void imagesAndSmallFilesAreServedAsTheyAre() throws IOException {
        Files.write(web.resolve("icon.png"), new byte[4_000]);
        Files.writeString(web.resolve("config.json"), "{\"apiBase\":\"/api\"}");

        assertNull(get("/icon.png", "gzip").headers().get("content-encoding"));
        assertFalse(get("/icon.png", "gzip").headers().containsKey("vary"));
        assertNull(get("/config.json", "gzip").headers().get("content-encoding"), "under 1,000 bytes, as CloudFront");
    }

    @Test
    void gzipIsUsedOnlyWhenAcceptedWithoutAZeroQuality() {
        assertTrue(StaticFiles.acceptsGzip("gzip"));
        assertTrue(StaticFiles.acceptsGzip("br;q=1.0, GZIP;q=0.5"));
        assertTrue(StaticFiles.acceptsGzip("*"));
        assertFalse(StaticFiles.acceptsGzip(null));
        assertFalse(StaticFiles.acceptsGzip("br, deflate"));
        assertFalse(StaticFiles.acceptsGzip("gzip;q=0"));
        assertFalse(StaticFiles.acceptsGzip("gzip; q=0.000, br"));
        assertFalse(StaticFiles.acceptsGzip("identity"));
    }
}
