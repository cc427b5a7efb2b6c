package dev.roster.core.aws;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.util.List;
import java.util.function.Function;
import java.util.zip.CRC32;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.InstanceProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.auth.credentials.WebIdentityTokenFileCredentialsProvider;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * SDK clients for SnapStart priming: built like the real ones (same services, same interceptors, same
 * marshalling, signing and response parsing) but with made-up credentials and an HTTP layer that answers
 * in memory, so a handler's {@code beforeCheckpoint} can run its real request path end to end without a
 * network call, a side effect, or real credentials ending up in the snapshot. Each function says what the
 * "service" answers (e.g. a profile item for {@code GetItem}).
 */
public final class PrimingClients {
    private static final StaticCredentialsProvider FAKE = StaticCredentialsProvider.create(
            AwsBasicCredentials.create("AKIAPRIMINGONLY00000", "priming-only-never-sent-anywhere"));
    private static final URI NOWHERE = URI.create("http://priming.invalid");

    private PrimingClients() {}

    /** What the in-memory service answers to one request. */
    public record Answer(int status, String contentType, byte[] body) {
        public static Answer json(String body) {
            return new Answer(
                    200, "application/x-amz-json-1.0", body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        public static Answer xml(String body) {
            return new Answer(200, "application/xml", body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        public static Answer bytes(String contentType, byte[] body) {
            return new Answer(200, contentType, body);
        }
    }

    /**
     * DynamoDB whose answers come from {@code answers}, by operation name (the {@code X-Amz-Target} suffix, e.g.
     * {@code GetItem}). Configured as the functions' own client ({@link AwsClients#dynamoDbOverrides}: call
     * timeout, call counter), and its answers carry DynamoDB's {@code x-amz-crc32}, so the SDK checks them as it
     * checks real ones.
     */
    public static DynamoDbClient dynamoDb(Function<String, Answer> answers) {
        loadCredentialChain();
        return DynamoDbClient.builder()
                .region(Region.US_EAST_1)
                .credentialsProvider(FAKE)
                .endpointOverride(NOWHERE)
                .overrideConfiguration(AwsClients.dynamoDbOverrides())
                .httpClient(new InMemoryHttp(
                        request -> answers.apply(request.firstMatchingHeader("X-Amz-Target")
                                .map(target -> target.substring(target.indexOf('.') + 1))
                                .orElse("")),
                        true))
                .build();
    }

    /**
     * The real clients' default credential chain is built on their first call, after restore; priming cannot
     * resolve it (that would put a real credential in the snapshot). Building the same links here, and asking
     * none of them for a credential, loads and initialises their classes before the snapshot instead.
     */
    private static void loadCredentialChain() {
        List<AwsCredentialsProvider> links = List.of(
                SystemPropertyCredentialsProvider.create(),
                EnvironmentVariableCredentialsProvider.create(),
                WebIdentityTokenFileCredentialsProvider.builder().build(),
                ProfileCredentialsProvider.builder().build(),
                ContainerCredentialsProvider.builder().build(),
                InstanceProfileCredentialsProvider.builder().build());
        AwsCredentialsProviderChain.builder()
                .reuseLastProviderEnabled(true)
                .credentialsProviders(links)
                .build()
                .close(); // closes every link
    }

    /** S3 whose answers come from {@code answers}, given the HTTP request (method, path, headers). */
    public static S3Client s3(Function<SdkHttpRequest, Answer> answers) {
        return S3Client.builder()
                .region(Region.US_EAST_1)
                .credentialsProvider(FAKE)
                .endpointOverride(NOWHERE)
                .forcePathStyle(true)
                .httpClient(new InMemoryHttp(answers, false))
                .build();
    }

    /** A presigner with made-up credentials: signing runs, nothing real is signed. */
    public static S3Presigner s3Presigner() {
        return S3Presigner.builder()
                .region(Region.US_EAST_1)
                .credentialsProvider(FAKE)
                .endpointOverride(NOWHERE)
                .serviceConfiguration(
                        S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build();
    }

    /**
     * Answers from memory. Each request is first prepared by the functions' real HTTP client ({@code url-connection}:
     * the connection object made and its headers set, which opens no socket) and then dropped, so that code is
     * warm too; {@code crc32}: answers carry {@code x-amz-crc32}, as DynamoDB's do.
     */
    private record InMemoryHttp(Function<SdkHttpRequest, Answer> answers, boolean crc32, SdkHttpClient wire)
            implements SdkHttpClient {
        InMemoryHttp(Function<SdkHttpRequest, Answer> answers, boolean crc32) {
            this(answers, crc32, AwsClients.httpClient());
        }

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            wire.prepareRequest(request).abort(); // never called: nothing is connected or sent
            SdkHttpRequest http = request.httpRequest();
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() {
                    request.contentStreamProvider().ifPresent(body -> {
                        try (var in = body.newStream()) {
                            in.transferTo(java.io.OutputStream.nullOutputStream());
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    });
                    Answer answer = answers.apply(http);
                    SdkHttpResponse.Builder response = SdkHttpResponse.builder()
                            .statusCode(answer.status())
                            .putHeader("Content-Type", answer.contentType())
                            .putHeader("Content-Length", Integer.toString(answer.body().length))
                            .putHeader("x-amz-request-id", "priming");
                    if (crc32) {
                        CRC32 checksum = new CRC32();
                        checksum.update(answer.body());
                        response.putHeader("x-amz-crc32", Long.toString(checksum.getValue()));
                    }
                    return HttpExecuteResponse.builder()
                            .response(response.build())
                            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(answer.body())))
                            .build();
                }

                @Override
                public void abort() {}
            };
        }

        @Override
        public void close() {
            wire.close();
        }
    }
}
