package dev.roster.ops;

import dev.roster.core.json.JsonFields;
import dev.roster.core.observe.Log;
import dev.roster.core.profile.Profile;
import dev.roster.core.table.ProfileTable;
import dev.roster.core.table.ProfileTable.Position;
import dev.roster.core.table.ProfileTable.ScanPage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The walk an ops job makes over profiles found by a paged {@code Scan}: each profile handed to the job in
 * turn, until {@code maxProfiles} are done or the invocation's time runs out, then a cursor that resumes at
 * the first profile not handled (null when the scan is done). Ops hand the cursor back as they got it.
 */
final class ProfileWalk {
    /** Items a scan page reads (before its filter). */
    static final int SCAN_PAGE_ITEMS = 200;
    /** Notes about single profiles in a reply are capped; the counts are always complete. */
    static final int MAX_NOTES = 100;

    private ProfileWalk() {}

    /** What ops send a walking job: where to resume, how many profiles at most, how many per second, whether to write. */
    record Request(Optional<String> cursor, int maxProfiles, double perSecond, boolean dryRun) {
        static final int DEFAULT_MAX_PROFILES = 1000;

        static Request from(JsonFields fields, double defaultPerSecond) {
            Long max = fields.wholeNumber("maxProfiles");
            Long perSecond = fields.wholeNumber("perSecond");
            return new Request(
                    Optional.ofNullable(fields.string("cursor")).filter(c -> !c.isBlank()),
                    (int) Math.max(1, Math.min(100_000, max == null ? DEFAULT_MAX_PROFILES : max)),
                    perSecond == null ? defaultPerSecond : perSecond,
                    Boolean.TRUE.equals(fields.bool("dryRun")));
        }
    }

    /** The pages of profiles a job walks: those after a position (none: from the start). */
    @FunctionalInterface
    interface Pages {
        ScanPage after(Optional<Position> position);
    }

    /**
     * How a walk ended: the items its scan read, what each profile handled came to (counted by outcome type;
     * the first {@link #MAX_NOTES} noteworthy ones kept for the reply), and where to resume (null: done).
     */
    record Walked<O>(int scannedItems, Map<Class<?>, Integer> counts, List<O> notes, String cursor) {
        int count(Class<? extends O> kind) {
            return counts.getOrDefault(kind, 0);
        }
    }

    /**
     * Walks the profiles {@code pages} finds, from {@code request}'s cursor, handing each to {@code step} and
     * logging what it came to under the job's name.
     */
    static <O> Walked<O> run(
            String job,
            ProfileTable profiles,
            Pages pages,
            Request request,
            Deadline deadline,
            Function<Profile, O> step,
            Predicate<O> noteworthy) {
        Map<Class<?>, Integer> counts = new HashMap<>();
        List<O> notes = new ArrayList<>();
        Optional<Position> start = request.cursor().flatMap(ProfileWalk::decodeCursor);
        int maxProfiles = request.maxProfiles();
        int scanned = 0;
        int handled = 0;
        while (true) {
            ScanPage page = pages.after(start);
            scanned += page.scannedItems();
            Optional<Position> previous = start;
            for (Profile profile : page.profiles()) {
                if (handled >= maxProfiles || deadline.reached()) {
                    // the profile not yet handled is where the next run starts: just after the one before it
                    return new Walked<>(scanned, counts, notes, encodeCursor(previous));
                }
                Log.profileId(profile.id());
                try {
                    O outcome = step.apply(profile);
                    Log.info(
                            job + ": " + outcome.getClass().getSimpleName().toLowerCase(Locale.ROOT),
                            "detail",
                            outcome.toString());
                    counts.merge(outcome.getClass(), 1, Integer::sum);
                    if (notes.size() < MAX_NOTES && noteworthy.test(outcome)) {
                        notes.add(outcome);
                    }
                } finally {
                    Log.profileId(null);
                }
                handled++;
                previous = Optional.of(profiles.positionOf(profile.id()));
            }
            if (page.next() == null) {
                return new Walked<>(scanned, counts, notes, null);
            }
            start = Optional.of(page.next());
            if (handled >= maxProfiles || deadline.reached()) {
                return new Walked<>(scanned, counts, notes, encodeCursor(start));
            }
        }
    }

    /** The table position, readable but not a secret (two keys); {@code start} for the very beginning. */
    static String encodeCursor(Optional<Position> position) {
        if (position.isEmpty()) {
            return "start";
        }
        String plain = position.get().pk() + "\n" + position.get().sk();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    static Optional<Position> decodeCursor(String cursor) {
        if (cursor.equals("start")) {
            return Optional.empty();
        }
        String plain;
        try {
            plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw notACursor(cursor);
        }
        int split = plain.indexOf('\n');
        if (split <= 0 || split == plain.length() - 1) {
            throw notACursor(cursor);
        }
        return Optional.of(new Position(plain.substring(0, split), plain.substring(split + 1)));
    }

    private static IllegalArgumentException notACursor(String cursor) {
        return new IllegalArgumentException("cursor '" + cursor + "' is not one this job returned; pass the cursor"
                + " from the last reply as it is, or leave it out to start from the beginning");
    }
}
