package dev.roster.core.profile;

import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * The fallback shown where a profile has no photo: up to two initials on a colour derived from the profile
 * id (stable, evenly spread hues, readable white text). Nothing in it is private: no e-mail, not even
 * hashed (an e-mail hash is reversible by dictionary).
 *
 * <p>White initials are readable by construction: every hue of the palette is darkened until white text on it
 * reaches {@link #MIN_CONTRAST} (WCAG AA for normal text). A fixed lightness cannot do it: at 42 % a yellow
 * green is 2.7:1 while a blue is 7:1.
 */
public record Avatar(String initials, String colour) {
    /** WCAG 2 AA contrast for normal-size text. */
    public static final double MIN_CONTRAST = 4.5;

    private static final double SATURATION = 0.55;
    private static final double START_LIGHTNESS = 0.42;
    private static final double LIGHTNESS_STEP = 0.01;
    /** One colour per degree of hue, each as light as white text allows. */
    public static final List<String> PALETTE =
            IntStream.range(0, 360).mapToObj(Avatar::readableOnWhite).toList();

    public static Avatar of(String profileId, String name) {
        return new Avatar(initials(name), colour(profileId));
    }

    static String initials(String name) {
        String[] words = name == null ? new String[0] : name.strip().split("\\s+");
        StringBuilder initials = new StringBuilder();
        for (int i = 0; i < words.length; i++) {
            String word = words[i];
            if (!word.isEmpty() && Character.isLetterOrDigit(word.codePointAt(0))) {
                if (initials.isEmpty() || i == words.length - 1) {
                    initials.appendCodePoint(word.codePointAt(0));
                }
            }
        }
        return initials.isEmpty() ? "?" : initials.toString().toUpperCase(Locale.ROOT);
    }

    /** The avatar colour of a profile: derived from its id alone, so it can be recomputed on read. */
    public static String colour(String profileId) {
        return PALETTE.get(Math.floorMod(profileId.hashCode() * 0x9E3779B1, 360));
    }

    private static String readableOnWhite(int hue) {
        for (double lightness = START_LIGHTNESS; lightness > 0; lightness -= LIGHTNESS_STEP) {
            String colour = hslToHex(hue, SATURATION, lightness);
            if (contrastWithWhite(colour) >= MIN_CONTRAST) {
                return colour;
            }
        }
        return "#000000";
    }

    /** WCAG 2 contrast ratio of white on this #rrggbb colour. */
    static double contrastWithWhite(String colour) {
        double luminance = 0.2126 * linear(colour, 1) + 0.7152 * linear(colour, 3) + 0.0722 * linear(colour, 5);
        return 1.05 / (luminance + 0.05);
    }

    private static double linear(String colour, int at) {
        double channel = Integer.parseInt(colour.substring(at, at + 2), 16) / 255.0;
        return channel <= 0.04045 ? channel / 12.92 : Math.pow((channel + 0.055) / 1.055, 2.4);
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
        return String.format(
                Locale.ROOT,
                "#%02x%02x%02x",
                Math.round((rgb[0] + m) * 255),
                Math.round((rgb[1] + m) * 255),
                Math.round((rgb[2] + m) * 255));
    }
}
