package dev.roster.thumbnail;

import java.util.Locale;

/**
 * The {@code Reason} dimension of the {@code PhotosRejected} metric: a handful of fixed values, because a
 * metric dimension must not carry the free text shown to the member (sizes, file names).
 */
final class RejectionCategory {
    private RejectionCategory() {}

    static String of(String reason) {
        String r = reason.toLowerCase(Locale.ROOT);
        if (r.contains("megapixels") || r.contains("no side may be longer")) {
            return "TooManyPixels";
        }
        if (r.contains("must be at least")) {
            return "TooSmall";
        }
        if (r.contains("empty")) {
            return "Empty";
        }
        if (r.contains("the limit is") && (r.contains(" mb") || r.contains(" kb"))) {
            return "TooLarge";
        }
        if (r.contains("not a photo") || r.contains("not supported")) {
            return "NotAnImage";
        }
        if (r.contains("damaged")) {
            return "Damaged";
        }
        if (r.contains("is gone")) {
            return "Missing";
        }
        return "Other";
    }
}
