package dev.roster.thumbnail;

import dev.roster.core.UploadKey;
import java.util.Optional;
import java.util.OptionalInt;

/** What became of one S3 event. Every outcome is a success for Lambda; only exceptions are retried. */
public sealed interface PhotoOutcome {

    /** One line for the function's log. */
    String describe();

    /**
     * Crops stored, photo set on the profile and its tag items. {@code webpFailure}: why this photo has no WebP
     * twins although this environment makes them (the JPEGs are all there); empty otherwise. {@code replaced}:
     * what became of the photo it replaced.
     */
    record Processed(UploadKey upload, PhotoBlock photo, Optional<String> webpFailure, Retirement replaced)
            implements PhotoOutcome {
        public String describe() {
            return "processed " + upload.key() + ": photo READY (" + photo.sourceWidth() + "×" + photo.sourceHeight()
                    + (photo.hasWebp() ? ", JPEG and WebP" : ", JPEG only")
                    + webpFailure.map(f -> ": WebP failed, " + f).orElse("") + ")"
                    + switch (replaced) {
                        case Retirement.NothingReplaced nothing -> "";
                        case Retirement.Retired retired -> "; the photo it replaced retired: " + retired.keys();
                        case Retirement.Failed failed ->
                            "; the photo it replaced could not be retired: " + failed.reason();
                    };
        }
    }

    /** The file can never become a photo; the profile says why and keeps its previous photo. */
    record Rejected(UploadKey upload, String reason) implements PhotoOutcome {
        public String describe() {
            return "rejected " + upload.key() + ": " + reason;
        }
    }

    /**
     * A duplicate or late event: the profile waits for another upload (or none), so its photo does not change.
     * {@code cropsDeleted} is present when the upload could never become the photo and whatever it had left
     * (crops, kept original) was deleted.
     */
    record Stale(UploadKey upload, String why, OptionalInt cropsDeleted) implements PhotoOutcome {
        public Stale(UploadKey upload, String why) {
            this(upload, why, OptionalInt.empty());
        }

        Stale discarded(int crops) {
            return new Stale(upload, why, OptionalInt.of(crops));
        }

        public String describe() {
            return "stale event for " + upload.key() + ": " + why
                    + (cropsDeleted.isPresent()
                            ? "; what it left is deleted (" + cropsDeleted.getAsInt() + " crops and its original)"
                            : "");
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
            key.codePoints()
                    .forEach(c -> out.append(
                            Character.isISOControl(c) ? String.format("\\u%04x", c) : Character.toString(c)));
            return out.toString();
        }
    }
}
