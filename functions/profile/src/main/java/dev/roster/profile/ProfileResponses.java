package dev.roster.profile;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.roster.core.http.HttpResponses;
import dev.roster.core.profile.VCard;
import dev.roster.profile.ProfileOutcome.AdminDone;
import dev.roster.profile.ProfileOutcome.AdminPage;
import dev.roster.profile.ProfileOutcome.ContactCard;
import dev.roster.profile.ProfileOutcome.Exported;
import dev.roster.profile.ProfileOutcome.FocalPointAccepted;
import dev.roster.profile.ProfileOutcome.Left;
import dev.roster.profile.ProfileOutcome.OwnProfile;
import dev.roster.profile.ProfileOutcome.PhotoRemoved;
import dev.roster.profile.ProfileOutcome.PublicProfile;
import dev.roster.profile.ProfileOutcome.Refused;
import dev.roster.profile.ProfileOutcome.Reported;
import dev.roster.profile.ProfileOutcome.Saved;
import dev.roster.profile.ProfileOutcome.UploadGranted;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Each outcome of a profile request as its HTTP response: status, body and the ETag of the version it left. */
final class ProfileResponses {
    private ProfileResponses() {}

    static APIGatewayV2HTTPResponse of(ProfileOutcome outcome) {
        return switch (outcome) {
            case PublicProfile p -> HttpResponses.json(200, p.profile().pageJson());
            case ContactCard card ->
                HttpResponses.text(
                        200,
                        VCard.CONTENT_TYPE,
                        VCard.of(card.profile()),
                        Map.of("content-disposition", attachment(VCard.fileName(card.profile()))));
            case OwnProfile own ->
                HttpResponses.json(
                        200, own.profile().ownerJson(), etag(own.profile().version()));
            case Left left -> HttpResponses.noContent();
            case Exported exported ->
                HttpResponses.json(
                        200,
                        exported.data(),
                        Map.of("content-disposition", "attachment; filename=\"roster-export.json\""));
            case Reported reported ->
                HttpResponses.json(202, Map.of("reportId", reported.reportId(), "status", "OPEN"));
            case AdminPage page -> {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put(page.name(), page.items());
                body.put("next", page.next());
                yield HttpResponses.json(200, body);
            }
            case AdminDone done -> HttpResponses.json(200, done.body());
            case Saved saved ->
                HttpResponses.json(
                        saved.created() ? 201 : 200,
                        saved.profile().ownerJson(),
                        etag(saved.profile().version()));
            case UploadGranted granted ->
                HttpResponses.json(201, granted.grant().json(), etag(granted.version()));
            case FocalPointAccepted accepted -> HttpResponses.json(202, accepted.json(), etag(accepted.version()));
            case PhotoRemoved removed -> HttpResponses.noContent();
            case Refused refused -> HttpResponses.error(refused.error());
        };
    }

    /** RFC 6266: an ASCII fallback name and the real one, percent-encoded UTF-8. */
    static String attachment(String fileName) {
        String ascii = fileName.replaceAll("[^A-Za-z0-9 ._-]", "_");
        String encoded = URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }

    private static Map<String, String> etag(long version) {
        return Map.of("etag", "\"" + version + "\"");
    }
}
