package dev.roster.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Serves the web client ({@code web/}) as S3 + CloudFront would: files by path, {@code index.html} for {@code /}. */
public final class StaticFiles {
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8",
            "mjs", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "svg", "image/svg+xml",
            "json", "application/json", "png", "image/png", "jpg", "image/jpeg", "ico", "image/x-icon",
            "webmanifest", "application/manifest+json");

    private final Path root;

    public StaticFiles(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public FrontDoor.Response serve(IncomingRequest request) {
        String path = request.rawPath();
        Path file = root.resolve(path.equals("/") ? "index.html" : path.substring(1)).normalize();
        if (!file.startsWith(root) || !Files.isRegularFile(file)) {
            return FrontDoor.Response.message(404, "Not Found", "web: no such file");
        }
        String name = file.getFileName().toString();
        String extension = name.substring(name.lastIndexOf('.') + 1);
        try {
            // no-cache: a reload always shows the files as they are in web/ now
            return new FrontDoor.Response(200, Map.of(
                    "content-type", CONTENT_TYPES.getOrDefault(extension, "application/octet-stream"),
                    "cache-control", "no-cache"), Files.readAllBytes(file), "web");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
