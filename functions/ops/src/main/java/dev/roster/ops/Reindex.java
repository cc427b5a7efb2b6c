package dev.roster.ops;

import dev.roster.core.profile.Profile;
import dev.roster.core.table.ProfileTable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the search index (docs/design.md, <em>Search</em>) of profiles written before it existed, and
 * rebuilds that of any profile whose index is not what its fields give today (after a change to how phrases
 * are made): a paced, resumable walk of this community's profile items, like {@link Reprocess}.
 * <p>
 * Each profile is one transaction conditioned on the version read (and bumping it, like any write of the
 * profile): a member's edit in between wins, and writes the index itself.
 */
final class Reindex {

    private final ProfileTable profiles;

    Reindex(ProfileTable profiles) {
        this.profiles = profiles;
    }

    /** Profiles rewritten per second unless ops say otherwise. */
    static final double DEFAULT_PER_SECOND = 10;

    sealed interface Outcome {
        /** Its index items were (or, in a dry run, would be) written. */
        record Indexed(String profileId, int phrases) implements Outcome {}

        /** Its index is already what its fields give. */
        record Current(String profileId) implements Outcome {}

        /** It changed while the job looked at it; the change wrote its index. */
        record Skipped(String profileId, String why) implements Outcome {}
    }

    record Report(
            int scannedItems,
            int indexed,
            int current,
            int skipped,
            String cursor,
            boolean dryRun,
            List<Outcome> notes) {
        Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("job", "reindex");
            json.put("dryRun", dryRun);
            json.put("scannedItems", scannedItems);
            json.put("indexed", indexed);
            json.put("current", current);
            json.put("skipped", skipped);
            json.put("cursor", cursor);
            json.put("done", cursor == null);
            json.put(
                    "notes",
                    notes.stream()
                            .filter(note -> !(note instanceof Outcome.Current))
                            .map(note -> switch (note) {
                                case Outcome.Indexed i ->
                                    Map.<String, Object>of(
                                            "profileId", i.profileId(), "outcome", "indexed", "phrases", i.phrases());
                                case Outcome.Skipped s ->
                                    Map.<String, Object>of(
                                            "profileId", s.profileId(), "outcome", "skipped", "why", s.why());
                                case Outcome.Current c ->
                                    Map.<String, Object>of("profileId", c.profileId(), "outcome", "current");
                            })
                            .toList());
            return json;
        }
    }

    Report run(ProfileWalk.Request request, Deadline deadline) {
        Pace pace = new Pace(request.perSecond());
        ProfileWalk.Walked<Outcome> walked = ProfileWalk.run(
                "reindex",
                profiles,
                after -> profiles.allProfiles(after, ProfileWalk.SCAN_PAGE_ITEMS),
                request,
                deadline,
                profile -> reindex(profile, request.dryRun(), pace),
                outcome -> !(outcome instanceof Outcome.Current));
        return new Report(
                walked.scannedItems(),
                walked.count(Outcome.Indexed.class),
                walked.count(Outcome.Current.class),
                walked.count(Outcome.Skipped.class),
                walked.cursor(),
                request.dryRun(),
                walked.notes());
    }

    Outcome reindex(Profile profile, boolean dryRun, Pace pace) {
        List<String> wanted = profiles.searchKeysOf(profile);
        int phrases = wanted.size();
        if (new java.util.HashSet<>(wanted).equals(new java.util.HashSet<>(profile.searchKeys()))) {
            return new Outcome.Current(profile.id());
        }
        if (dryRun) {
            return new Outcome.Indexed(profile.id(), phrases);
        }
        pace.await();
        return switch (profiles.reindex(profile)) {
            case ProfileTable.Write.Done done -> new Outcome.Indexed(profile.id(), phrases);
            default -> new Outcome.Skipped(profile.id(), "the profile changed meanwhile; its own write indexed it");
        };
    }
}
