package dev.roster.core.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class HttpRequestsTest {
    @Test
    void repeatedQueryParametersKeepEveryValueFromTheRawQueryString() {
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
                .withRawQueryString("tag=java&tag=c%2B%2B&q=zo%C3%AB+k&limit=5")
                .withQueryStringParameters(Map.of("tag", "java,c++", "q", "zoë k", "limit", "5")).build();
        assertEquals(Map.of("tag", List.of("java", "c++"), "q", List.of("zoë k"), "limit", List.of("5")),
                HttpRequests.queryParameters(event));
    }

    @Test
    void withoutARawQueryStringTheJoinedValuesAreSplit() {
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
                .withQueryStringParameters(Map.of("tag", "java,rust")).build();
        assertEquals(Map.of("tag", List.of("java", "rust")), HttpRequests.queryParameters(event));
    }

    @Test
    void aBase64BodyIsDecodedAndMeasuredInBytes() {
        String json = "{\"name\":\"Zoë\"}";
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder().withIsBase64Encoded(true)
                .withBody(Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8))).build();
        assertEquals(json, HttpRequests.body(event, 100));
        assertEquals(413, assertThrows(ApiException.class, () -> HttpRequests.body(event, 10)).error().status());
        APIGatewayV2HTTPEvent broken = APIGatewayV2HTTPEvent.builder().withIsBase64Encoded(true).withBody("%%%").build();
        assertEquals(400, assertThrows(ApiException.class, () -> HttpRequests.body(broken, 100)).error().status());
    }

    @Test
    void headersAreFoundWhateverTheirCase() {
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder().withHeaders(Map.of("If-Match", "\"3\"")).build();
        assertEquals("\"3\"", HttpRequests.header(event, "if-match"));
    }

    @Test
    void noAuthorizerMeansNoClaims() {
        assertEquals(Map.of(), HttpRequests.claims(APIGatewayV2HTTPEvent.builder().build()));
    }
}
