package dev.roster.junit;

import dev.roster.emulator.SamTemplate;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The sample events of {@code events/} (next to {@code template.yaml}; the files {@code sam local invoke -e}
 * takes), as the bytes Lambda hands a stream handler.
 */
public final class SampleEvents {
    private SampleEvents() {}

    public static Path path(String file) {
        return SamTemplate.locate()
                .path()
                .toAbsolutePath()
                .getParent()
                .resolve("events")
                .resolve(file);
    }

    public static InputStream open(String file) {
        try {
            return Files.newInputStream(path(file));
        } catch (IOException e) {
            throw new UncheckedIOException("no sample event " + file + " in events/", e);
        }
    }
}
