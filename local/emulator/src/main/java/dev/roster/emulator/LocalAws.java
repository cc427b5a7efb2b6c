package dev.roster.emulator;

import static dev.roster.emulator.SamTemplate.asList;
import static dev.roster.emulator.SamTemplate.asMap;
import static dev.roster.emulator.SamTemplate.properties;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.Event;
import software.amazon.awssdk.services.s3.model.FilterRule;
import software.amazon.awssdk.services.s3.model.NotificationConfigurationFilter;
import software.amazon.awssdk.services.s3.model.QueueConfiguration;
import software.amazon.awssdk.services.s3.model.S3KeyFilter;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A local AWS made from {@code template.yaml}: the DynamoDB tables, S3 buckets and SQS queues it declares,
 * created in an emulator, and each bucket's notification of a function replaced by an S3 → SQS notification
 * with the same event and key filter (the local stack and the tests pump that queue into the function). Nothing about the schema is written twice: change the template, and the next local run
 * and the next test get the change.
 */
public final class LocalAws implements AutoCloseable {
    public static final String STACK_NAME = "roster-local";
    public static final String ACCOUNT_ID = "123456789012";
    public static final Region REGION = Region.US_EAST_1;

    private final URI endpoint;
    private final MotoServer ownServer;
    private final SamTemplate template;
    private final Map<String, String> parameterOverrides;
    private final DynamoDbClient dynamoDb;
    private final S3Client s3;
    private final SqsClient sqs;
    private final SecretsManagerClient secretsManager;
    private final Map<String, String> physicalNames = new LinkedHashMap<>();
    private final Map<String, String> notificationQueues = new LinkedHashMap<>();

    private LocalAws(URI endpoint, MotoServer ownServer, SamTemplate template, Map<String, String> parameterOverrides) {
        this.endpoint = endpoint;
        this.ownServer = ownServer;
        this.template = template;
        this.parameterOverrides = Map.copyOf(parameterOverrides);
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
        this.dynamoDb = DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(REGION)
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        this.s3 = S3Client.builder()
                .endpointOverride(endpoint)
                .region(REGION)
                .forcePathStyle(true)
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        this.sqs = SqsClient.builder()
                .endpointOverride(endpoint)
                .region(REGION)
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        this.secretsManager = SecretsManagerClient.builder()
                .endpointOverride(endpoint)
                .region(REGION)
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        nameResources();
    }

    /** Starts a moto server of its own on a free loopback port and creates the template's resources in it. */
    public static LocalAws start(SamTemplate template, Map<String, String> parameterOverrides) {
        MotoServer server = MotoServer.start();
        try {
            LocalAws local = new LocalAws(server.endpoint(), server, template, parameterOverrides);
            local.provision();
            return local;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** Uses an emulator that is already running (e.g. {@code AWS_ENDPOINT_URL}); existing resources are kept. */
    public static LocalAws connect(URI endpoint, SamTemplate template, Map<String, String> parameterOverrides) {
        LocalAws local = new LocalAws(endpoint, null, template, parameterOverrides);
        try {
            local.provision();
            return local;
        } catch (RuntimeException e) {
            local.close();
            throw e;
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    public SamTemplate template() {
        return template;
    }

    public DynamoDbClient dynamoDb() {
        return dynamoDb;
    }

    public SecretsManagerClient secretsManager() {
        return secretsManager;
    }

    public S3Client s3() {
        return s3;
    }

    /** Keys of the objects under {@code prefix} in a bucket of the template (by logical id), every page, in key order. */
    public List<String> objectKeys(String bucketLogicalId, String prefix) {
        return s3
                .listObjectsV2Paginator(
                        b -> b.bucket(physicalName(bucketLogicalId)).prefix(prefix))
                .contents()
                .stream()
                .map(S3Object::key)
                .toList();
    }

    public SqsClient sqs() {
        return sqs;
    }

    /** The local name of a resource of the template, by logical id. */
    public String physicalName(String logicalId) {
        String name = physicalNames.get(logicalId);
        if (name == null) {
            throw new IllegalArgumentException("template.yaml has no resource " + logicalId);
        }
        return name;
    }

    /** The queue that receives the S3 notifications meant for this function. */
    public String notificationQueueUrl(String functionLogicalId) {
        String url = notificationQueues.get(functionLogicalId);
        if (url == null) {
            throw new IllegalArgumentException(
                    "no bucket's NotificationConfiguration in template.yaml names " + functionLogicalId);
        }
        return url;
    }

    /** The functions a bucket of the template notifies (its {@code LambdaConfigurations}), by logical id. */
    public Set<String> notifiedFunctions() {
        return Set.copyOf(notificationQueues.keySet());
    }

    /**
     * The environment the template gives a function ({@code Globals} merged with its own), evaluated
     * against the local names; {@code overrides} replace what has no local meaning (a CloudFront domain,
     * a Secrets Manager reference).
     */
    public Map<String, String> functionEnvironment(String functionLogicalId, Map<String, String> overrides) {
        Map<String, String> env = new LinkedHashMap<>();
        Object globals = asMap(template.functionGlobals().getOrDefault("Environment", Map.of()))
                .get("Variables");
        Object own = asMap(properties(template.resource(functionLogicalId)).getOrDefault("Environment", Map.of()))
                .get("Variables");
        Intrinsics intrinsics = intrinsics();
        for (Object variables : new Object[] {globals, own}) {
            if (variables != null) {
                asMap(variables).forEach((name, value) -> {
                    if (!overrides.containsKey(name)) {
                        env.put(name, intrinsics.evaluateString(value));
                    }
                });
            }
        }
        env.putAll(overrides);
        env.remove("JAVA_TOOL_OPTIONS");
        return env;
    }

    public Intrinsics intrinsics() {
        Map<String, String> references = new LinkedHashMap<>(physicalNames);
        template.parameters().forEach((name, definition) -> {
            Object fallback = asMap(definition).get("Default");
            String value = parameterOverrides.getOrDefault(name, fallback == null ? null : fallback.toString());
            if (value != null) {
                references.put(name, value);
            }
        });
        references.put("AWS::StackName", STACK_NAME);
        references.put("AWS::AccountId", ACCOUNT_ID);
        references.put("AWS::Region", REGION.id());
        references.put("AWS::Partition", "aws");
        references.put("AWS::URLSuffix", "amazonaws.com");
        return new Intrinsics(template, references, this::attribute);
    }

    /**
     * Points the SDK's default configuration at this emulator ({@code aws.endpointUrl}, region, static
     * credentials), so clients built by the functions' own no-argument constructors talk to it.
     */
    public void useAsSdkDefault() {
        System.setProperty("aws.endpointUrl", endpoint.toString());
        System.setProperty("aws.region", REGION.id());
        System.setProperty("aws.accessKeyId", "local");
        System.setProperty("aws.secretAccessKey", "local");
    }

    /** Deletes everything in the emulator and creates the template's resources again, empty. */
    public void reset() {
        if (ownServer == null) {
            throw new IllegalStateException("will not reset an emulator this process did not start: " + endpoint);
        }
        ownServer.reset();
        notificationQueues.clear();
        provision();
    }

    @Override
    public void close() {
        dynamoDb.close();
        s3.close();
        sqs.close();
        secretsManager.close();
        if (ownServer != null) {
            ownServer.close();
        }
    }

    private void nameResources() {
        Intrinsics names = new Intrinsics(template, pseudoParameters(), attribute -> null);
        template.resources().forEach((logicalId, raw) -> {
            Map<String, Object> resource = asMap(raw);
            Map<String, Object> props = properties(resource);
            String name = switch (String.valueOf(resource.get("Type"))) {
                case "AWS::S3::Bucket" ->
                    props.containsKey("BucketName")
                            ? names.evaluateString(props.get("BucketName"))
                            : STACK_NAME + "-" + logicalId.toLowerCase(Locale.ROOT);
                case "AWS::DynamoDB::Table" ->
                    props.containsKey("TableName")
                            ? names.evaluateString(props.get("TableName"))
                            : STACK_NAME + "-" + logicalId;
                default -> STACK_NAME + "-" + logicalId;
            };
            physicalNames.put(logicalId, name);
        });
    }

    private Map<String, String> pseudoParameters() {
        return Map.of(
                "AWS::StackName",
                STACK_NAME,
                "AWS::AccountId",
                ACCOUNT_ID,
                "AWS::Region",
                REGION.id(),
                "AWS::Partition",
                "aws",
                "AWS::URLSuffix",
                "amazonaws.com");
    }

    private String attribute(String name) {
        String[] parts = name.split("\\.", 2);
        String logicalId = parts[0];
        String physical = physicalName(logicalId);
        String type = String.valueOf(template.resource(logicalId).get("Type"));
        return switch (parts[1]) {
            case "Arn" ->
                switch (type) {
                    case "AWS::S3::Bucket" -> "arn:aws:s3:::" + physical;
                    case "AWS::DynamoDB::Table" ->
                        "arn:aws:dynamodb:" + REGION.id() + ":" + ACCOUNT_ID + ":table/" + physical;
                    case "AWS::SQS::Queue" -> "arn:aws:sqs:" + REGION.id() + ":" + ACCOUNT_ID + ":" + physical;
                    default -> "arn:aws:local:" + REGION.id() + ":" + ACCOUNT_ID + ":" + physical;
                };
            case "QueueName", "Id" -> physical;
            case "DomainName", "RegionalDomainName" -> endpoint.getAuthority();
            default -> null;
        };
    }

    private void provision() {
        template.resourcesOfType("AWS::DynamoDB::Table").forEach((id, table) -> createTable(id, properties(table)));
        template.resourcesOfType("AWS::S3::Bucket").keySet().forEach(this::createBucket);
        template.resourcesOfType("AWS::SQS::Queue")
                .keySet()
                .forEach(id -> sqs.createQueue(b -> b.queueName(physicalName(id))));
        template.resourcesOfType("AWS::SecretsManager::Secret").keySet().forEach(this::createSecret);
        createNotifications();
    }

    private void createTable(String logicalId, Map<String, Object> props) {
        List<AttributeDefinition> attributes = new ArrayList<>();
        for (Object a : asList(props.get("AttributeDefinitions"))) {
            Map<String, Object> attribute = asMap(a);
            attributes.add(AttributeDefinition.builder()
                    .attributeName(attribute.get("AttributeName").toString())
                    .attributeType(attribute.get("AttributeType").toString())
                    .build());
        }
        List<GlobalSecondaryIndex> indexes = new ArrayList<>();
        for (Object i : asList(props.getOrDefault("GlobalSecondaryIndexes", List.of()))) {
            Map<String, Object> index = asMap(i);
            Map<String, Object> projection = asMap(index.get("Projection"));
            Projection.Builder p = Projection.builder()
                    .projectionType(projection.get("ProjectionType").toString());
            if (projection.containsKey("NonKeyAttributes")) {
                p.nonKeyAttributes(asList(projection.get("NonKeyAttributes")).stream()
                        .map(Object::toString)
                        .toList());
            }
            indexes.add(GlobalSecondaryIndex.builder()
                    .indexName(index.get("IndexName").toString())
                    .keySchema(keySchema(index.get("KeySchema")))
                    .projection(p.build())
                    .build());
        }
        try {
            dynamoDb.createTable(b -> {
                b.tableName(physicalName(logicalId))
                        .attributeDefinitions(attributes)
                        .keySchema(keySchema(props.get("KeySchema")))
                        .billingMode(BillingMode.PAY_PER_REQUEST);
                if (!indexes.isEmpty()) {
                    b.globalSecondaryIndexes(indexes);
                }
            });
        } catch (ResourceInUseException exists) {
            // an emulator that was already running keeps its data
        }
    }

    private static List<KeySchemaElement> keySchema(Object definition) {
        List<KeySchemaElement> keys = new ArrayList<>();
        for (Object k : asList(definition)) {
            Map<String, Object> key = asMap(k);
            keys.add(KeySchemaElement.builder()
                    .attributeName(key.get("AttributeName").toString())
                    .keyType(key.get("KeyType").toString())
                    .build());
        }
        return keys;
    }

    /**
     * A secret with a generated value, as {@code GenerateSecretString} makes one; its {@code Ref} is its name here
     * (Secrets Manager takes a name wherever it takes an ARN).
     */
    private void createSecret(String logicalId) {
        byte[] random = new byte[48];
        new java.security.SecureRandom().nextBytes(random);
        String value = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        try {
            secretsManager.createSecret(b -> b.name(physicalName(logicalId)).secretString(value));
        } catch (ResourceExistsException exists) {
            // kept
        }
    }

    private void createBucket(String logicalId) {
        try {
            s3.createBucket(b -> b.bucket(physicalName(logicalId)));
        } catch (BucketAlreadyOwnedByYouException exists) {
            // kept
        }
    }

    /**
     * Each bucket's {@code NotificationConfiguration.LambdaConfigurations}, as an S3 → SQS notification with the
     * same event and key filter into one queue per function. Like S3, which refuses to save a notification it
     * cannot deliver, this refuses one that no {@code AWS::Lambda::Permission} lets this bucket deliver.
     */
    private void createNotifications() {
        Map<String, List<QueueConfiguration>> byBucket = new LinkedHashMap<>();
        Intrinsics intrinsics = intrinsics();
        template.resourcesOfType("AWS::S3::Bucket").forEach((bucketId, bucket) -> {
            Map<String, Object> notifications =
                    asMap(properties(bucket).getOrDefault("NotificationConfiguration", Map.of()));
            for (Object raw : asList(notifications.getOrDefault("LambdaConfigurations", List.of()))) {
                Map<String, Object> lambda = asMap(raw);
                String functionId = functionId(lambda.get("Function"));
                String bucketArn = attribute(bucketId + ".Arn");
                if (!s3MayInvoke(functionId, bucketArn, intrinsics)) {
                    throw new IllegalStateException("template.yaml: " + bucketId + " notifies " + functionId
                            + ", but no AWS::Lambda::Permission lets s3.amazonaws.com invoke it with SourceArn "
                            + bucketArn + "; S3 would refuse the notification at deploy");
                }
                QueueConfiguration.Builder configuration = QueueConfiguration.builder()
                        .id(bucketId + "-" + functionId)
                        .queueArn(queueArn(notificationQueue(functionId)))
                        .events(Event.fromValue(lambda.get("Event").toString()));
                Object filter = lambda.get("Filter");
                if (filter != null) {
                    List<FilterRule> rules = new ArrayList<>();
                    for (Object r : asList(asMap(asMap(filter).get("S3Key")).get("Rules"))) {
                        Map<String, Object> rule = asMap(r);
                        // the rule name goes out as written ("prefix"): moto answers 500 to the SDK's "Prefix"
                        rules.add(FilterRule.builder()
                                .name(rule.get("Name").toString().toLowerCase(Locale.ROOT))
                                .value(intrinsics.evaluateString(rule.get("Value")))
                                .build());
                    }
                    configuration.filter(NotificationConfigurationFilter.builder()
                            .key(S3KeyFilter.builder().filterRules(rules).build())
                            .build());
                }
                byBucket.computeIfAbsent(physicalName(bucketId), b -> new ArrayList<>())
                        .add(configuration.build());
            }
        });
        byBucket.forEach((bucket, configurations) -> {
            s3.putBucketNotificationConfiguration(
                    b -> b.bucket(bucket).notificationConfiguration(n -> n.queueConfigurations(configurations)));
        });
        notificationQueues.values().forEach(this::drainTestEvents);
    }

    /** The function a notification or permission names: {@code !Ref Fn}, {@code !Ref Fn.Alias} or {@code !GetAtt Fn.Arn}. */
    private String functionId(Object reference) {
        Map<String, Object> intrinsic = asMap(reference);
        String id = intrinsic.containsKey("Ref")
                ? intrinsic.get("Ref").toString().replaceFirst("\\.Alias$", "")
                : asList(intrinsic.get("Fn::GetAtt")).getFirst().toString();
        if (!"AWS::Serverless::Function".equals(template.resource(id).get("Type"))) {
            throw new IllegalArgumentException("template.yaml: " + reference + " does not name a function");
        }
        return id;
    }

    private boolean s3MayInvoke(String functionId, String bucketArn, Intrinsics intrinsics) {
        return template.resourcesOfType("AWS::Lambda::Permission").values().stream()
                .map(SamTemplate::properties)
                .anyMatch(permission -> "s3.amazonaws.com".equals(permission.get("Principal"))
                        && "lambda:InvokeFunction".equals(permission.get("Action"))
                        && functionId.equals(functionId(permission.get("FunctionName")))
                        && permission.containsKey("SourceArn")
                        && bucketArn.equals(intrinsics.evaluateString(permission.get("SourceArn"))));
    }

    private String notificationQueue(String functionId) {
        return notificationQueues.computeIfAbsent(
                functionId,
                id -> sqs.createQueue(b -> b.queueName(STACK_NAME + "-" + id + "-s3-notifications"))
                        .queueUrl());
    }

    private String queueArn(String queueUrl) {
        return sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
    }

    /** S3 sends an {@code s3:TestEvent} when a notification is configured; it is not an upload. */
    private void drainTestEvents(String queueUrl) {
        List<Message> messages = sqs.receiveMessage(
                        b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(0))
                .messages();
        for (Message message : messages) {
            if (Objects.requireNonNullElse(message.body(), "").contains("s3:TestEvent")) {
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
        }
    }
}
