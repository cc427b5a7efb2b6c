package dev.roster.core.profile;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a member came to own a profile an import made: they claimed it {@code at} that instant, by the verified
 * e-mail address of their first sign-in. Until they save the profile once ({@code reviewed} false) what it says
 * is the import's, not theirs: the web client asks them to check it (the imported fields, the photo it lacks,
 * whether it is listed). Only its owner ever sees this.
 */
public record ImportClaim(Instant at, boolean reviewed) {
    public ImportClaim {
        if (at == null) {
            throw new IllegalArgumentException("a claim has the instant it was made");
        }
    }

    /** The same claim once its member has saved the profile. */
    public ImportClaim reviewedByOwner() {
        return new ImportClaim(at, true);
    }

    /** {@code GET /me}'s {@code claimed}: {@code {at, reviewed}}. */
    public Map<String, Object> ownerJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("at", at.toString());
        json.put("reviewed", reviewed);
        return json;
    }
}
