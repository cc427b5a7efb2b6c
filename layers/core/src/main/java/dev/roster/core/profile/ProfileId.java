package dev.roster.core.profile;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/** Short, URL-safe, random ids: profile ids (8 characters, 48 bits) and upload ids (22 characters, 132 bits). */
public final class ProfileId {
    public static final int PROFILE_ID_CHARS = 8;
    public static final int UPLOAD_ID_CHARS = 22;
    private static final char[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray();
    private static final Pattern PROFILE_ID = Pattern.compile("[A-Za-z0-9_-]{" + PROFILE_ID_CHARS + "}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private ProfileId() {}

    public static String newProfileId() {
        return random(PROFILE_ID_CHARS);
    }

    public static String newUploadId() {
        return random(UPLOAD_ID_CHARS);
    }

    /** Whether a string from a URL can be a profile id at all (anything else is not found without a lookup). */
    public static boolean isWellFormed(String id) {
        return id != null && PROFILE_ID.matcher(id).matches();
    }

    private static String random(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        char[] id = new char[length];
        for (int i = 0; i < length; i++) {
            id[i] = ALPHABET[bytes[i] & 63];
        }
        return new String(id);
    }
}
