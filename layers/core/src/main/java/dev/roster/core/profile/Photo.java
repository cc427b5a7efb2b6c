package dev.roster.core.profile;

/** The crops of a ready photo, as URLs (1x and 2x of the thumbnail and the detail image), plus placeholder and colour. */
public record Photo(String thumb1x, String thumb2x, String detail1x, String detail2x, String placeholder, String colour) {
}
