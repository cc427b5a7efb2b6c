package dev.roster.core.moderation;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** An admin hid the profile at {@code at}, for {@code reason}: it is in no list until an admin restores it. */
public record Hidden(Instant at, String reason) {
    /** What the owner sees in {@code GET /me}: that it was hidden, when and why (not by whom). */
    public Map<String, Object> ownerJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("at", at.toString());
        json.put("reason", reason);
        return json;
    }
}
