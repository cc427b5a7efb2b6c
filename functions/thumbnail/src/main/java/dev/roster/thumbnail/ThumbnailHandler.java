package dev.roster.thumbnail;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;

/** Crops each photo under {@code uploads/} once. Not built yet (issue 3): every event fails and is retried. */
public final class ThumbnailHandler implements RequestHandler<S3Event, Void> {
    @Override
    public Void handleRequest(S3Event event, Context context) {
        throw new UnsupportedOperationException("the thumbnail pipeline is not implemented yet");
    }
}
