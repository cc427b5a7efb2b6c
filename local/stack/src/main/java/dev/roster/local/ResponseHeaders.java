package dev.roster.local;

import static dev.roster.emulator.SamTemplate.asMap;
import static dev.roster.emulator.SamTemplate.properties;

import dev.roster.emulator.LocalAws;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The security headers the site's distribution adds to every answer (the template's
 * {@code AWS::CloudFront::ResponseHeadersPolicy}), added locally too, so the web client runs under the same
 * Content-Security-Policy it gets deployed. One difference: the presigned upload goes to the emulator, so its
 * origin joins {@code connect-src}.
 */
public final class ResponseHeaders {
    private ResponseHeaders() {}

    public static Map<String, String> fromTemplate(LocalAws aws) {
        var policies = aws.template().resourcesOfType("AWS::CloudFront::ResponseHeadersPolicy");
        if (policies.size() != 1) {
            throw new IllegalStateException(
                    "expected one CloudFront response headers policy in template.yaml, found " + policies.size());
        }
        Map<String, Object> config = asMap(aws.intrinsics()
                .evaluate(asMap(properties(policies.values().iterator().next()).get("ResponseHeadersPolicyConfig"))
                        .get("SecurityHeadersConfig")));
        Map<String, String> headers = new LinkedHashMap<>();
        if (config.get("StrictTransportSecurity") instanceof Map<?, ?> hsts) {
            StringBuilder value = new StringBuilder("max-age=" + hsts.get("AccessControlMaxAgeSec"));
            if (Boolean.TRUE.equals(hsts.get("IncludeSubdomains"))) {
                value.append("; includeSubDomains");
            }
            if (Boolean.TRUE.equals(hsts.get("Preload"))) {
                value.append("; preload");
            }
            headers.put("strict-transport-security", value.toString());
        }
        if (config.containsKey("ContentTypeOptions")) {
            headers.put("x-content-type-options", "nosniff");
        }
        if (config.get("FrameOptions") instanceof Map<?, ?> frame) {
            headers.put("x-frame-options", String.valueOf(frame.get("FrameOption")));
        }
        if (config.get("ReferrerPolicy") instanceof Map<?, ?> referrer) {
            headers.put("referrer-policy", String.valueOf(referrer.get("ReferrerPolicy")));
        }
        if (config.get("ContentSecurityPolicy") instanceof Map<?, ?> csp) {
            headers.put(
                    "content-security-policy",
                    withEmulator(
                            String.valueOf(csp.get("ContentSecurityPolicy"))
                                    .replaceAll("\\s+", " ")
                                    .trim(),
                            aws.endpoint()));
        }
        return Map.copyOf(headers);
    }

    /** {@code connect-src} plus the emulator's origin, where the local presigned upload goes. */
    static String withEmulator(String csp, URI emulator) {
        String origin = emulator.getScheme() + "://" + emulator.getAuthority();
        return csp.replaceFirst("connect-src ", "connect-src " + origin + " ");
    }
}
