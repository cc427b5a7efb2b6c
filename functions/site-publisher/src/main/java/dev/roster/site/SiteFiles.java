package dev.roster.site;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The web client as packaged with the publisher ({@code sam build} copies {@code web/} into the function's
 * {@code site/} folder): every file with its key and content type. The packaged {@code config.json} is the
 * local stack's; the deployment's own is written from the stack's values instead.
 */
public final class SiteFiles {
    public static final String CONFIG_KEY = "config.json";
    private static final Map<String, String> CONTENT_TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("webmanifest", "application/manifest+json"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("woff2", "font/woff2"));

    /** One file to publish under {@code key}. */
    public record SiteFile(String key, Path path, String contentType) {}

    private SiteFiles() {}

    /** The files under {@code root}, keys with forward slashes, {@code config.json} left out. */
    public static List<SiteFile> under(Path root) {
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException("no web client packaged at " + root + ": sam build copies web/ there"
                    + " (Makefile target build-SitePublisherFunction)");
        }
        try (Stream<Path> paths = Files.walk(root)) {
            List<SiteFile> files = paths.filter(Files::isRegularFile)
                    .map(path -> {
                        String key = root.relativize(path).toString().replace('\\', '/');
                        return new SiteFile(key, path, contentType(key));
                    })
                    .filter(file -> !file.key().equals(CONFIG_KEY))
                    .sorted(java.util.Comparator.comparing(SiteFile::key))
                    .toList();
            if (files.stream().noneMatch(file -> file.key().equals("index.html"))) {
                throw new IllegalStateException("the web client packaged at " + root + " has no index.html");
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the packaged web client at " + root, e);
        }
    }

    static String contentType(String key) {
        String extension = key.substring(key.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return CONTENT_TYPES.getOrDefault(extension, "application/octet-stream");
    }
}
