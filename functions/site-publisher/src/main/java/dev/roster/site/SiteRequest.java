package dev.roster.site;

import java.util.Map;

/**
 * What the template asks the publisher to do: a CloudFormation custom resource request ({@code Create},
 * {@code Update} or {@code Delete}) with the stack's own values as properties. CloudFormation passes every
 * property as a string.
 *
 * @param siteBucket            the private bucket the distribution serves at {@code /}
 * @param siteUrl               the distribution's URL (https://…): the sign-in client's callback and sign-out URL
 * @param config                what the web client's {@code config.json} says
 * @param userPoolId            the stack's user pool, or empty with an external identity provider
 */
public record SiteRequest(
        String requestType,
        String responseUrl,
        String stackId,
        String requestId,
        String logicalResourceId,
        String physicalResourceId,
        String siteBucket,
        String siteUrl,
        DeploymentConfig config,
        String userPoolId) {

    /** A request whose properties cannot make a site; the message names the property and what to change. */
    public static final class Invalid extends RuntimeException {
        Invalid(String message) {
            super(message);
        }
    }

    /** The physical id of the published site: one per bucket, so a new bucket is a new resource. */
    public String sitePhysicalId() {
        return "roster-site-" + siteBucket;
    }

    public boolean isDelete() {
        return "Delete".equals(requestType);
    }

    /**
     * Reads the event. The envelope (response URL, ids) is read first, so even a request with bad properties
     * can be answered; {@link #validate()} then says what is wrong with the properties.
     */
    public static SiteRequest from(Map<String, Object> event) {
        Map<String, Object> properties = event.get("ResourceProperties") instanceof Map<?, ?> p ? cast(p) : Map.of();
        return new SiteRequest(
                text(event, "RequestType"),
                text(event, "ResponseURL"),
                text(event, "StackId"),
                text(event, "RequestId"),
                text(event, "LogicalResourceId"),
                text(event, "PhysicalResourceId"),
                text(properties, "SiteBucket"),
                text(properties, "SiteUrl"),
                DeploymentConfig.from(properties),
                text(properties, "UserPoolId"));
    }

    /** @throws Invalid naming the property to fix */
    public SiteRequest validate() {
        if (!"Create".equals(requestType) && !"Update".equals(requestType) && !"Delete".equals(requestType)) {
            throw new Invalid("RequestType " + requestType + " is not Create, Update or Delete");
        }
        if (isDelete()) {
            // a Delete always goes through: a stack must be deletable even after a failed Create
            return this;
        }
        if (siteBucket.isBlank()) {
            throw new Invalid("SiteBucket is empty: the template must pass !Ref SiteBucket");
        }
        if (!siteUrl.startsWith("https://")) {
            throw new Invalid("SiteUrl must be the distribution's https:// URL, not \"" + siteUrl + "\"");
        }
        config.validate();
        return this;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    static String text(Map<String, Object> map, String name) {
        Object value = map.get(name);
        return value == null ? "" : String.valueOf(value).trim();
    }
}
