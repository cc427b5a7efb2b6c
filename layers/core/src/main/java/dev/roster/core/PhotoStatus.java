package dev.roster.core;

/** Where a member's photo stands; stored on the profile item, shown on {@code GET /me}. */
public enum PhotoStatus {
    /** No photo: the card shows the fallback avatar. */
    NONE,
    /** An upload URL was handed out; the pipeline has not finished with it yet. */
    PENDING,
    /** Crops are in the photos bucket and their URLs are in the items. */
    READY,
    /** The last upload could never succeed (not an image, too big, …); the reason says why. */
    REJECTED
}
