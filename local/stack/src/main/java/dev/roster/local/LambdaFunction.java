package dev.roster.local;

import static dev.roster.emulator.SamTemplate.properties;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import dev.roster.core.Env;
import dev.roster.emulator.LocalAws;
import dev.roster.emulator.SamTemplate;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * A function of {@code template.yaml} run in this JVM the way Lambda runs it: the class and method named by
 * its {@code Handler}, built with the environment the template gives it, events passed as Lambda passes them
 * (a stream handler reads the event JSON and writes its response JSON itself; any other handler gets them
 * through the Lambda Java runtime's own serialisation), its {@code Timeout} enforced, and one invocation at
 * a time per instance (a busy instance means a new one, like a new execution environment).
 */
public final class LambdaFunction implements AutoCloseable {
    private static final ExecutorService INVOCATIONS = Executors.newVirtualThreadPerTaskExecutor();

    private final String logicalId;
    private final String functionName;
    private final Duration timeout;
    private final int memoryMb;
    private final Method method;
    private final Class<?> inputType;
    /** A {@code RequestStreamHandler}-shaped method: (event JSON in, response JSON out, Context). */
    private final boolean stream;

    private final Supplier<Object> factory;
    private final ConcurrentLinkedDeque<Object> idle = new ConcurrentLinkedDeque<>();

    LambdaFunction(
            String logicalId,
            String functionName,
            Duration timeout,
            int memoryMb,
            Method method,
            Supplier<Object> factory) {
        this.logicalId = logicalId;
        this.functionName = functionName;
        this.timeout = timeout;
        this.memoryMb = memoryMb;
        this.method = method;
        this.inputType = method.getParameterTypes()[0];
        this.stream = inputType == InputStream.class;
        this.factory = factory;
    }

    /** The function {@code logicalId} of the template, its environment evaluated locally plus {@code overrides}. */
    public static LambdaFunction fromTemplate(LocalAws aws, String logicalId, Map<String, String> overrides) {
        Map<String, Object> props = properties(aws.template().resource(logicalId));
        return fromTemplate(
                aws,
                logicalId,
                overrides,
                String.valueOf(props.getOrDefault(
                        "Handler", aws.template().functionGlobals().get("Handler"))));
    }

    /** As {@link #fromTemplate(LocalAws, String, Map)}, with another handler class (tests record what it gets). */
    static LambdaFunction fromTemplate(LocalAws aws, String logicalId, Map<String, String> overrides, String handler) {
        SamTemplate template = aws.template();
        Map<String, Object> props = properties(template.resource(logicalId));
        Map<String, Object> globals = template.functionGlobals();
        Duration timeout = Duration.ofSeconds(
                Long.parseLong(String.valueOf(props.getOrDefault("Timeout", globals.getOrDefault("Timeout", 3)))));
        int memory = Integer.parseInt(
                String.valueOf(props.getOrDefault("MemorySize", globals.getOrDefault("MemorySize", 128))));
        Env env = new Env(aws.functionEnvironment(logicalId, overrides));
        return forHandler(logicalId, aws.physicalName(logicalId), handler, timeout, memory, env);
    }

    /** {@code handler} is {@code package.Class::method}, as in a template's {@code Handler} property. */
    static LambdaFunction forHandler(
            String logicalId, String functionName, String handler, Duration timeout, int memoryMb, Env env) {
        String[] parts = handler.split("::", 2);
        String methodName = parts.length == 2 ? parts[1] : "handleRequest";
        Class<?> type;
        try {
            type = Class.forName(parts[0]);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(logicalId + ": handler class " + parts[0] + " is not on the class path", e);
        }
        Method method = Arrays.stream(type.getMethods())
                .filter(m -> m.getName().equals(methodName)
                        && !m.isBridge()
                        && !m.isSynthetic()
                        && (isStream(m) || m.getParameterCount() == 2 && m.getParameterTypes()[1] == Context.class))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(logicalId + ": " + type.getName() + " has no public "
                        + methodName + "(event, Context) or " + methodName + "(InputStream, OutputStream, Context)"));
        return new LambdaFunction(logicalId, functionName, timeout, memoryMb, method, () -> instantiate(type, env));
    }

    private static boolean isStream(Method method) {
        return Arrays.equals(
                method.getParameterTypes(), new Class<?>[] {InputStream.class, OutputStream.class, Context.class});
    }

    /** Roster's handlers take the function's environment; a handler with only a no-argument constructor works too. */
    private static Object instantiate(Class<?> type, Env env) {
        try {
            try {
                Constructor<?> withEnv = type.getConstructor(Env.class);
                return withEnv.newInstance(env);
            } catch (NoSuchMethodException noEnvConstructor) {
                return type.getConstructor().newInstance();
            }
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(
                    "initialising " + type.getName() + " failed: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(
                    type.getName() + " needs a public constructor taking dev.roster.core.Env" + " or none", e);
        }
    }

    public String logicalId() {
        return logicalId;
    }

    public Class<?> inputType() {
        return inputType;
    }

    /** What an invocation came to. */
    public sealed interface Outcome permits Returned, Failed, TimedOut {}

    /** The handler returned; {@code json} is its result as the runtime serialises it ({@code null} for Void). */
    public record Returned(String json) implements Outcome {}

    /** The handler threw (or could not be initialised): Lambda reports a function error. */
    public record Failed(Throwable error) implements Outcome {
        public String errorType() {
            return error.getClass().getName();
        }
    }

    public record TimedOut(Duration timeout) implements Outcome {}

    /** Invokes with the event as JSON, deserialised into the handler's input type by the Lambda runtime's serialiser. */
    public Outcome invokeJson(String eventJson, String requestId) {
        if (stream) {
            return invokeHandler(eventJson, requestId);
        }
        Object event;
        try {
            event = serializer(inputType).fromJson(eventJson);
        } catch (RuntimeException e) {
            return new Failed(new IllegalArgumentException(
                    "the event does not deserialise into " + inputType.getName() + ": " + e.getMessage(), e));
        }
        return invoke(event, requestId);
    }

    /** Invokes with an event object of the handler's input type (a stream handler gets it as the runtime writes it). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Outcome invoke(Object event, String requestId) {
        if (stream) {
            ByteArrayOutputStream json = new ByteArrayOutputStream();
            ((PojoSerializer) serializer(event.getClass())).toJson(event, json);
            return invokeHandler(json.toString(StandardCharsets.UTF_8), requestId);
        }
        return invokeHandler(event, requestId);
    }

    private Outcome invokeHandler(Object event, String requestId) {
        Instant deadline = Instant.now().plus(timeout);
        Object instance;
        try {
            instance = idle.isEmpty() ? factory.get() : idle.poll();
            if (instance == null) {
                instance = factory.get();
            }
        } catch (RuntimeException e) {
            log(requestId, "INIT failed: " + e);
            return new Failed(e);
        }
        Object handler = instance;
        Context context = new LocalContext(requestId, deadline);
        Future<Object> result = INVOCATIONS.submit(() -> {
            if (!stream) {
                return method.invoke(handler, event, context);
            }
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            method.invoke(
                    handler,
                    new ByteArrayInputStream(((String) event).getBytes(StandardCharsets.UTF_8)),
                    response,
                    context);
            return response.toString(StandardCharsets.UTF_8);
        });
        try {
            Object value = result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            idle.push(handler);
            if (stream) {
                return new Returned(value == null || ((String) value).isEmpty() ? null : (String) value);
            }
            if (value == null || method.getReturnType() == Void.class || method.getReturnType() == void.class) {
                return new Returned(null);
            }
            return new Returned(toJson(value));
        } catch (TimeoutException e) {
            result.cancel(true);
            log(requestId, "Task timed out after " + timeout.toSeconds() + " seconds");
            return new TimedOut(timeout);
        } catch (ExecutionException e) {
            Throwable error = e.getCause() instanceof InvocationTargetException ite ? ite.getCause() : e.getCause();
            idle.push(handler);
            log(requestId, "ERROR " + stackTrace(error));
            return new Failed(error);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result.cancel(true);
            return new Failed(e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static String toJson(Object value) {
        PojoSerializer serializer = serializer(value.getClass());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        serializer.toJson(value, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static PojoSerializer<?> serializer(Class<?> type) {
        return LambdaEventSerializers.serializerFor(type, LambdaFunction.class.getClassLoader());
    }

    private void log(String requestId, String message) {
        System.out.println("[" + logicalId + "] " + requestId + " " + message);
    }

    private static String stackTrace(Throwable error) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        error.printStackTrace(new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        idle.clear();
    }

    /** The {@link Context} Lambda passes: request id, names, memory, the time left before the timeout, a logger. */
    private final class LocalContext implements Context {
        private final String requestId;
        private final Instant deadline;

        LocalContext(String requestId, Instant deadline) {
            this.requestId = requestId;
            this.deadline = deadline;
        }

        @Override
        public String getAwsRequestId() {
            return requestId;
        }

        @Override
        public String getLogGroupName() {
            return "/aws/lambda/" + functionName;
        }

        @Override
        public String getLogStreamName() {
            return "local/" + UUID.nameUUIDFromBytes(functionName.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String getFunctionName() {
            return functionName;
        }

        @Override
        public String getFunctionVersion() {
            return "$LATEST";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:" + LocalAws.REGION.id() + ":" + LocalAws.ACCOUNT_ID + ":function:" + functionName;
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return (int) Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
        }

        @Override
        public int getMemoryLimitInMB() {
            return memoryMb;
        }

        @Override
        public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override
                public void log(String message) {
                    LambdaFunction.this.log(requestId, message.stripTrailing());
                }

                @Override
                public void log(byte[] message) {
                    log(new String(message, StandardCharsets.UTF_8));
                }

                @Override
                public void log(String message, LogLevel level) {
                    log(level + " " + message);
                }
            };
        }
    }
}
