package dev.roster.thumbnail.image;

/**
 * The photo can never be processed, whatever is retried: the message is the reason shown to the member.
 * Thrown from deep inside decoding and turned into a rejection at the pipeline's edge.
 */
public final class UnusablePhotoException extends Exception {
    public UnusablePhotoException(String reason) {
        super(reason, null, false, false);
    }

    public UnusablePhotoException(String reason, Throwable cause) {
        super(reason, cause, false, false);
    }

    public String reason() {
        return getMessage();
    }
}
