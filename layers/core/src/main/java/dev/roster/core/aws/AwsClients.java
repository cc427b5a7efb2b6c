package dev.roster.core.aws;

import dev.roster.core.observe.DynamoDbCalls;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Builds the SDK clients every function uses: the light {@code url-connection} HTTP client (Apache and
 * Netty are excluded from the build), region and credentials from the standard chain, and endpoints from
 * the standard {@code AWS_ENDPOINT_URL} / {@code AWS_ENDPOINT_URL_<SERVICE>} variables (or the
 * {@code aws.endpointUrl*} system properties), so the same code talks to AWS or to a local emulator.
 * <p>
 * Handlers keep the clients in {@code static final} fields: built once per execution environment, and
 * captured in the SnapStart snapshot.
 */
public final class AwsClients {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(10);
    /**
     * A whole call, retries included. Below the API functions' 10 s timeout (template.yaml Globals), so a
     * dependency that never answers ends in the function's own 503, not in a Lambda timeout (a bare 500 from
     * API Gateway). A test holds it below the template's value.
     */
    public static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(8);
    /**
     * A whole call of an ops job (import, reprocess), retries included. Jobs run for up to 15 minutes and hand
     * back where to resume, so one slow write (a table busy with members, an emulator under load: moto's
     * transactions copy the whole table and took over 8 s at ~250 profiles on a loaded machine) is waited for
     * rather than failed.
     */
    public static final Duration JOB_CALL_TIMEOUT = Duration.ofSeconds(60);

    private AwsClients() {}

    public static SdkHttpClient httpClient() {
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(CONNECT_TIMEOUT)
                .socketTimeout(SOCKET_TIMEOUT)
                .build();
    }

    public static DynamoDbClient dynamoDb() {
        return dynamoDb(List.of());
    }

    /**
     * A DynamoDB client whose calls also pass through {@code interceptors} (tests count or order calls with
     * them); every client counts its calls for the {@code DynamoDbCalls} metric ({@link DynamoDbCalls}).
     */
    public static DynamoDbClient dynamoDb(List<ExecutionInterceptor> interceptors) {
        List<ExecutionInterceptor> all = new java.util.ArrayList<>(interceptors);
        all.add(new DynamoDbCalls());
        return dynamoDbBuilder()
                .overrideConfiguration(
                        overrides().toBuilder().executionInterceptors(all).build())
                .build();
    }

    /** The functions' DynamoDB client configuration (call counter included), for a test that points it elsewhere. */
    public static DynamoDbClientBuilder dynamoDbBuilder() {
        return DynamoDbClient.builder().httpClient(httpClient()).overrideConfiguration(dynamoDbOverrides());
    }

    /**
     * What the API functions' DynamoDB client runs every call through: the call timeout and the call counter.
     * SnapStart priming's client uses it too, so the snapshot holds that path warm.
     */
    static ClientOverrideConfiguration dynamoDbOverrides() {
        return overrides().toBuilder()
                .addExecutionInterceptor(new DynamoDbCalls())
                .build();
    }

    /** The DynamoDB client of the ops jobs: {@link #JOB_CALL_TIMEOUT} instead of {@link #API_CALL_TIMEOUT}. */
    public static DynamoDbClient dynamoDbForJobs() {
        return DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(JOB_CALL_TIMEOUT)
                        .build())
                .overrideConfiguration(overrides(JOB_CALL_TIMEOUT).toBuilder()
                        .addExecutionInterceptor(new DynamoDbCalls())
                        .build())
                .build();
    }

    /** The S3 client of the ops jobs: {@link #JOB_CALL_TIMEOUT}. */
    public static S3Client s3ForJobs() {
        return S3Client.builder()
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(JOB_CALL_TIMEOUT)
                        .build())
                .overrideConfiguration(overrides(JOB_CALL_TIMEOUT))
                .forcePathStyle(isS3EndpointOverridden())
                .build();
    }

    public static S3Client s3() {
        return S3Client.builder()
                .httpClient(httpClient())
                .overrideConfiguration(overrides())
                .forcePathStyle(isS3EndpointOverridden())
                .build();
    }

    public static S3Presigner s3Presigner() {
        return S3Presigner.builder()
                .serviceConfiguration(S3Configuration.builder()
                        .pathStyleAccessEnabled(isS3EndpointOverridden())
                        .build())
                .build();
    }

    private static ClientOverrideConfiguration overrides() {
        return overrides(API_CALL_TIMEOUT);
    }

    private static ClientOverrideConfiguration overrides(Duration apiCallTimeout) {
        return ClientOverrideConfiguration.builder()
                .apiCallTimeout(apiCallTimeout)
                .build();
    }

    /**
     * An emulator (moto, S3Proxy, MinIO) serves buckets by path, not by virtual host name, so path-style
     * addressing follows whenever the S3 endpoint is not AWS's own.
     */
    static boolean isS3EndpointOverridden() {
        return isS3EndpointOverridden(System.getenv(), System.getProperties());
    }

    static boolean isS3EndpointOverridden(Map<String, String> env, Map<Object, Object> properties) {
        return present(env.get("AWS_ENDPOINT_URL_S3"))
                || present(env.get("AWS_ENDPOINT_URL"))
                || present(properties.get("aws.endpointUrlS3"))
                || present(properties.get("aws.endpointUrl"));
    }

    private static boolean present(Object value) {
        return value != null && !value.toString().isBlank();
    }
}
