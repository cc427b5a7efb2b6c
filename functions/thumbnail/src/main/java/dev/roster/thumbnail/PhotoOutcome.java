package dev.roster.thumbnail;

import dev.roster.core.UploadKey;

import java.util.Optional;

/** What became of one S3 event. Every outcome is a success for Lambda; only exceptions are retried. */
public sealed interface PhotoOutcome {

    /** One line for the function's log. */
    String describe();

    /**
     * Crops stored, photo set on the profile and its tag items. {@code webpFailure}: why this photo has no WebP
     * twins although this environment makes them (the JPEGs are all there); empty otherwise.
     */
    record Processed(UploadKey upload, PhotoBlock photo, Optional<String> webpFailure) implements PhotoOutcome {
        public String describe() {
            return "processed " + upload.key() + ": photo READY (" + photo.sourceWidth() + "×" + photo.sourceHeight()
                    + (photo.hasWebp() ? ", JPEG and WebP" : ", JPEG only") + webpFailure.map(f -> ": WebP failed, " + f).orElse("") + ")";
        }
    }

    /** The file can never become a photo; the profile says why and keeps its previous photo. */
    record Rejected(UploadKey upload, String reason) implements PhotoOutcome {
        public String describe() {
            return "rejected " + upload.key() + ": " + reason;
        }
    }

    /** A duplicate or late event: the profile waits for another upload (or none), so nothing changes. */
    record Stale(UploadKey upload, String why) implements PhotoOutcome {
        public String describe() {
            return "stale event for " + upload.key() + ": " + why;
        }
    }

    /** Not an upload key at all (never touched S3 or DynamoDB). */
    record Ignored(String key, String why) implements PhotoOutcome {
        public String describe() {
            return "ignored key '" + printable(key) + "': " + why;
        }

        /** Any key can be uploaded: one with a newline must not write a second, forged log line. */
        private static String printable(String key) {
            StringBuilder out = new StringBuilder(key.length());
            key.codePoints().forEach(c -> out.append(Character.isISOControl(c)
                    ? String.format("\\u%04x", c) : Character.toString(c)));
            return out.toString();
        }
    }
}
