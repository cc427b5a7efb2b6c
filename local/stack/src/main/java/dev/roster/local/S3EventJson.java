package dev.roster.local;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** An {@link S3Event} written back to the JSON Lambda would have received (for failure records). */
final class S3EventJson {
    private static final PojoSerializer<S3Event> SERIALIZER =
            LambdaEventSerializers.serializerFor(S3Event.class, S3EventJson.class.getClassLoader());

    private S3EventJson() {}

    static String toJson(S3Event event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SERIALIZER.toJson(event, out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
