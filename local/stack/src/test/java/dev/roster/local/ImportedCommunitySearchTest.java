package dev.roster.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.roster.core.table.SearchIndex;
import dev.roster.emulator.LocalAws;
import dev.roster.junit.SdkCalls;
import dev.roster.junit.WithLocalAws;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The local stack with an imported community ({@code -Droster.search.rows}, default 100; docs/performance.md
 * gives the command and figures of a 1 000-row run): one member in a hundred carries the surname Quillfeather,
 * and a search for it over the front door, as the web client sends it, returns all of them on its first page,
 * from one DynamoDB call. The import goes through {@code /local/invoke/OpsFunction}, as {@code sam remote
 * invoke} would, invoked again at its {@code resumeAtLine} until done; each invocation and the search's items
 * read are printed.
 */
@WithLocalAws
class ImportedCommunitySearchTest {
    @Test
    void aSurnameOneInAHundredCarryIsOnePageFromOneRequest(LocalAws aws) throws Exception {
        int rows = Integer.getInteger("roster.search.rows", 100);
        String csv = "importId,name,organisation,location,tags,visible\n"
                + IntStream.rangeClosed(1, rows)
                        .mapToObj(i -> "S" + i + "," + (i % 100 == 37 ? "Ada Quillfeather " + i : "Member " + i)
                                + ",Org " + (i % 37) + ",City " + (i % 11) + ",tag" + (i % 7) + ",yes")
                        .collect(Collectors.joining("\n"))
                + "\n";
        try (LocalStack stack = LocalStack.start(aws.template(), 0, aws.endpoint(), Path.of("../../web"))) {
            aws.s3()
                    .putObject(
                            b -> b.bucket(aws.physicalName("UploadsBucket")).key("imports/community.csv"),
                            RequestBody.fromString(csv, StandardCharsets.UTF_8));
            HttpClient http = HttpClient.newHttpClient();
            long started = System.nanoTime();
            int created = 0;
            int alreadyWritten = 0;
            int invocations = 0;
            Object fromLine = 1;
            while (fromLine != null) {
                long invoked = System.nanoTime();
                // one invocation imports what its time allows and says where to resume, like sam remote invoke
                HttpResponse<String> imported = http.send(
                        HttpRequest.newBuilder(URI.create(stack.url() + "/local/invoke/OpsFunction"))
                                .timeout(Duration.ofHours(1))
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"job\":\"import\",\"key\":\"imports/community.csv\",\"perSecond\":1000,\"fromLine\":"
                                                + fromLine + "}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                Map<String, Object> report = JSON.std.mapFrom(imported.body());
                created += ((Number) report.get("created")).intValue();
                // a row whose write landed as the function's time ran out is found written when resumed
                alreadyWritten += ((Number) report.get("unchanged")).intValue();
                invocations++;
                System.out.printf(
                        "import invocation %d from line %s: created %s, already written %s, in %d s, resumeAtLine %s,"
                                + " failure %s%n",
                        invocations,
                        fromLine,
                        report.get("created"),
                        report.get("unchanged"),
                        (System.nanoTime() - invoked) / 1_000_000_000L,
                        report.get("resumeAtLine"),
                        report.get("failure"));
                fromLine = report.get("resumeAtLine");
            }
            long importSeconds = (System.nanoTime() - started) / 1_000_000_000L;
            assertEquals(rows, created + alreadyWritten, "every row imported once");

            String token = String.valueOf(JSON.std
                    .mapFrom(http.send(
                                    HttpRequest.newBuilder(URI.create(stack.url() + "/local/token"))
                                            .POST(HttpRequest.BodyPublishers.ofString("{\"sub\":\"searcher\"}"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .body())
                    .get("token"));
            SdkCalls.reset();
            long asked = System.nanoTime();
            HttpResponse<String> page = http.send(
                    HttpRequest.newBuilder(URI.create(stack.url() + "/api/profiles?limit=24&q=quillfeather"))
                            .timeout(Duration.ofSeconds(60))
                            .header("authorization", "Bearer " + token)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            long millis = (System.nanoTime() - asked) / 1_000_000L;
            List<String> dynamoDbCalls = SdkCalls.recorded().stream()
                    .filter(call -> call.startsWith("DynamoDb:"))
                    .toList();
            int itemsRead = SdkCalls.itemsRead();

            assertEquals(200, page.statusCode(), page.body());
            Map<String, Object> body = JSON.std.mapFrom(page.body());
            int carriers = (rows + 63) / 100;
            assertEquals(Math.min(carriers, 24), ((List<?>) body.get("items")).size(), page.body());
            if (carriers <= 24) {
                assertNull(body.get("next"), "all of them on the first page, and no further page");
            }
            assertEquals(List.of("DynamoDb:Query"), dynamoDbCalls);
            assertTrue(itemsRead <= SearchIndex.readLimit(24), "a page reads at most a page and a half: " + itemsRead);
            System.out.printf(
                    "imported %d members in %d s over %d invocations; q=quillfeather: %d of %d carriers in 1 request,"
                            + " %d items read, %d ms, DynamoDB calls %s%n",
                    rows,
                    importSeconds,
                    invocations,
                    ((List<?>) body.get("items")).size(),
                    carriers,
                    itemsRead,
                    millis,
                    dynamoDbCalls);
        }
    }
}
