package dev.roster.thumbnail;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the Lambda Java runtime does on a cold start, without the runtime: load the handler class, build it
 * with its no-argument constructor (static clients, environment), parse the event JSON, invoke once; a stream
 * handler (the API functions) gets the event's bytes and parses them itself, as Lambda gives them. Prints
 * the wall-clock milliseconds since the parent started this JVM at each step. Run by {@link ColdStartBench}
 * on the function's deployable artifact (layer jars, function classes, function jars) and nothing else but
 * this class and the runtime's event serializer.
 * <p>
 * Arguments: parent's start time (epoch ms), handler class, event class, event JSON file.
 */
public final class ColdStartLauncher {
    private ColdStartLauncher() {}

    public static void main(String[] args) throws Exception {
        long started = Long.parseLong(args[0]);
        Class<?> handlerClass = Class.forName(args[1]);
        Class<?> eventClass = Class.forName(args[2]);
        Object handler = handlerClass.getConstructor().newInstance();
        long constructed = System.currentTimeMillis();
        Object response;
        if (handler instanceof RequestStreamHandler streaming) {
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            streaming.handleRequest(new ByteArrayInputStream(Files.readAllBytes(Path.of(args[3]))), output, null);
            response = output.toString(StandardCharsets.UTF_8);
        } else {
            Object event = LambdaEventSerializers.serializerFor(eventClass, handlerClass.getClassLoader())
                    .fromJson(Files.readString(Path.of(args[3])));
            response = handlerClass
                    .getMethod("handleRequest", eventClass, Context.class)
                    .invoke(handler, event, null);
        }
        long responded = System.currentTimeMillis();
        String status = response == null ? "null" : response.toString().replaceAll("\\s+", " ");
        System.out.printf(
                "{\"constructed_ms\":%d,\"first_response_ms\":%d,\"response\":\"%s\"}%n",
                constructed - started,
                responded - started,
                status.substring(0, Math.min(60, status.length())).replace("\"", "'"));
    }
}
