package dev.roster.profile;

import dev.roster.core.Env;
import dev.roster.core.aws.AwsClients;
import dev.roster.core.profile.ProfileId;
import dev.roster.core.table.Claims;
import dev.roster.core.table.ModerationTable;
import dev.roster.core.table.ProfileTable;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** The profile function's services, built from its environment and clients (once per execution environment). */
record ProfileServices(ProfileService profiles, ModerationService moderation) {
    /** Built once per execution environment (and captured by SnapStart), only when {@link #from(Env)} runs. */
    private static final class Sdk {
        static final DynamoDbClient DYNAMO_DB = AwsClients.dynamoDb();
        static final S3Presigner PRESIGNER = AwsClients.s3Presigner();
        static final S3Client S3 = AwsClients.s3();
    }

    /** The services as Lambda runs them: this environment's SDK clients, the system clock. */
    static ProfileServices from(Env env) {
        return from(env, Sdk.DYNAMO_DB, Sdk.PRESIGNER, Sdk.S3, Clock.systemUTC());
    }

    static ProfileServices from(Env env, DynamoDbClient dynamoDb, S3Presigner presigner, S3Client s3, Clock clock) {
        String table = env.required("TABLE_NAME");
        String community = env.optional("COMMUNITY_ID", "main");
        ProfileTable profiles = new ProfileTable(dynamoDb, table, community);
        ModerationTable moderation = new ModerationTable(dynamoDb, table, community);
        ProfileService service = new ProfileService(
                profiles,
                new Claims(dynamoDb, table, community, clock),
                moderation,
                new PhotoUploads(presigner, s3, env.required("UPLOADS_BUCKET")),
                new PhotoObjects(s3, env.required("UPLOADS_BUCKET"), env.required("PHOTOS_BUCKET")),
                clock,
                env.longValue("MAX_UPLOAD_BYTES", ProfileService.DEFAULT_MAX_UPLOAD_BYTES),
                ProfileId::newProfileId);
        return new ProfileServices(service, new ModerationService(profiles, moderation, service, clock));
    }
}
