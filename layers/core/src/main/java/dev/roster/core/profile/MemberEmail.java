package dev.roster.core.profile;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * How an e-mail address is matched when a member claims an imported profile: case-insensitively (both the
 * local part and the domain; providers treat {@code Ada@Example.org} and {@code ada@example.org} as one
 * mailbox in practice, and a miss would leave a member with a blank profile beside their imported one).
 * Keys hold the address's SHA-256 digest, never the address, so no key, cursor or log line carries it.
 */
public final class MemberEmail {
    private MemberEmail() {}

    public static String normalised(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }

    public static boolean same(String a, String b) {
        String left = normalised(a);
        return !left.isEmpty() && left.equals(normalised(b));
    }

    /** Hex SHA-256 of the normalised address: the key part of the claim pointer. */
    public static String digest(String email) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(normalised(email).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
