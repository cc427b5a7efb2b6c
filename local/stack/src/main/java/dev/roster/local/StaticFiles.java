package dev.roster.local;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

/**
 * Serves the web client ({@code web/}) as S3 + CloudFront would: files by path, {@code index.html} for {@code /},
 * and text compressed when the browser accepts it, as the distribution's {@code Compress: true} does (so what
 * the browser tests and Lighthouse measure here is what members download).
 */
public final class StaticFiles {
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "html",
            "text/html; charset=utf-8",
            "js",
            "text/javascript; charset=utf-8",
            "mjs",
            "text/javascript; charset=utf-8",
            "css",
            "text/css; charset=utf-8",
            "svg",
            "image/svg+xml",
            "json",
            "application/json",
            "png",
            "image/png",
            "jpg",
            "image/jpeg",
            "ico",
            "image/x-icon",
            "webmanifest",
            "application/manifest+json");
    /** What CloudFront compresses of these: text, never images (already compressed). */
    private static final Set<String> COMPRESSIBLE = Set.of("html", "js", "mjs", "css", "svg", "json", "webmanifest");
    /** CloudFront compresses files from 1,000 bytes (smaller ones gain nothing). */
    static final int MIN_COMPRESSED_BYTES = 1_000;

    private final Path root;

    public StaticFiles(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public FrontDoor.Response serve(IncomingRequest request) {
        String path = request.rawPath();
        Path file = root.resolve(path.equals("/") ? "index.html" : path.substring(1))
                .normalize();
        if (!file.startsWith(root) || !Files.isRegularFile(file)) {
            return FrontDoor.Response.message(404, "Not Found", "web: no such file");
        }
        String name = file.getFileName().toString();
        String extension = name.substring(name.lastIndexOf('.') + 1);
        byte[] body;
        try {
            body = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", CONTENT_TYPES.getOrDefault(extension, "application/octet-stream"));
        // no-cache: a reload always shows the files as they are in web/ now
        headers.put("cache-control", "no-cache");
        if (COMPRESSIBLE.contains(extension)) {
            headers.put("vary", "accept-encoding");
            if (body.length >= MIN_COMPRESSED_BYTES && acceptsGzip(request.header("accept-encoding"))) {
                body = gzip(body);
                headers.put("content-encoding", "gzip");
            }
        }
        return new FrontDoor.Response(200, headers, body, "web");
    }

    /** Whether {@code Accept-Encoding} lists gzip (or {@code *}) without {@code q=0}. */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String coding : acceptEncoding.toLowerCase(Locale.ROOT).split(",")) {
            String[] parts = coding.split(";");
            String token = parts[0].strip();
            if (!token.equals("gzip") && !token.equals("*")) {
                continue;
            }
            boolean refused = false;
            for (int i = 1; i < parts.length; i++) {
                String parameter = parts[i].strip().replace(" ", "");
                refused |= parameter.matches("q=0(\\.0{0,3})?");
            }
            return !refused;
        }
        return false;
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3);
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
