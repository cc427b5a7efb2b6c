package dev.roster.core.profile;

import java.util.Locale;

/**
 * The fallback shown where a profile has no photo: up to two initials on a colour derived from the profile
 * id (stable, evenly spread hues, readable white text). Nothing in it is private: no e-mail, not even
 * hashed (an e-mail hash is reversible by dictionary).
 */
public record Avatar(String initials, String colour) {
    public static Avatar of(String profileId, String name) {
        return new Avatar(initials(name), colour(profileId));
    }

    static String initials(String name) {
        String[] words = name == null ? new String[0] : name.strip().split("\\s+");
        StringBuilder initials = new StringBuilder();
        for (String word : words) {
            if (!word.isEmpty() && Character.isLetterOrDigit(word.codePointAt(0))) {
                if (initials.isEmpty() || word == words[words.length - 1]) {
                    initials.appendCodePoint(word.codePointAt(0));
                }
            }
        }
        return initials.isEmpty() ? "?" : initials.toString().toUpperCase(Locale.ROOT);
    }

    static String colour(String profileId) {
        int hue = Math.floorMod(profileId.hashCode() * 0x9E3779B1, 360);
        return hslToHex(hue, 0.55, 0.42);
    }

    private static String hslToHex(double hue, double saturation, double lightness) {
        double chroma = (1 - Math.abs(2 * lightness - 1)) * saturation;
        double x = chroma * (1 - Math.abs((hue / 60) % 2 - 1));
        double m = lightness - chroma / 2;
        double[] rgb = switch ((int) (hue / 60)) {
            case 0 -> new double[] {chroma, x, 0};
            case 1 -> new double[] {x, chroma, 0};
            case 2 -> new double[] {0, chroma, x};
            case 3 -> new double[] {0, x, chroma};
            case 4 -> new double[] {x, 0, chroma};
            default -> new double[] {chroma, 0, x};
        };
        return String.format(Locale.ROOT, "#%02x%02x%02x",
                Math.round((rgb[0] + m) * 255), Math.round((rgb[1] + m) * 255), Math.round((rgb[2] + m) * 255));
    }
}
