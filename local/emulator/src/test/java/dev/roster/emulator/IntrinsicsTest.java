package dev.roster.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IntrinsicsTest {
    private static SamTemplate template(String yaml) throws IOException {
        Path file = Files.createTempFile("template", ".yaml");
        Files.writeString(file, yaml);
        return SamTemplate.read(file);
    }

    private static final String YAML = """
            Parameters:
              Stage: {Type: String, Default: dev}
              Origins: {Type: CommaDelimitedList, Default: "http://a, http://b"}
            Conditions:
              IsProd: !Equals [!Ref Stage, prod]
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
                Properties:
                  BucketName: !Sub '${AWS::StackName}-uploads-${AWS::AccountId}'
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Environment:
                    Variables:
                      A: !Ref Bucket
                      B: !Sub 'https://${Dist.DomainName}/x'
                      C: !If [IsProd, yes-prod, not-prod]
                      D: !GetAtt Bucket.Arn
                      E: !Join ['-', [!Ref Stage, !Select [1, !Ref Origins]]]
                      F: !Sub ['${X}!', {X: !Ref Stage}]
            """;

    @Test
    void shortFormTagsReadAsLongForm() throws IOException {
        Map<String, Object> props = SamTemplate.properties(template(YAML).resource("Bucket"));
        assertEquals(Map.of("Fn::Sub", "${AWS::StackName}-uploads-${AWS::AccountId}"), props.get("BucketName"));
    }

    @Test
    void evaluatesRefSubGetAttIfJoinAndSelect() throws IOException {
        SamTemplate template = template(YAML);
        Intrinsics intrinsics = new Intrinsics(
                template,
                Map.of(
                        "Bucket",
                        "stack-uploads-1",
                        "Stage",
                        "dev",
                        "Origins",
                        "http://a, http://b",
                        "AWS::StackName",
                        "stack",
                        "AWS::AccountId",
                        "1"),
                attribute -> switch (attribute) {
                    case "Dist.DomainName" -> "cdn.example";
                    case "Bucket.Arn" -> "arn:aws:s3:::stack-uploads-1";
                    default -> null;
                });
        Map<String, Object> variables = SamTemplate.asMap(SamTemplate.asMap(
                        SamTemplate.properties(template.resource("Fn")).get("Environment"))
                .get("Variables"));

        assertEquals("stack-uploads-1", intrinsics.evaluate(variables.get("A")));
        assertEquals("https://cdn.example/x", intrinsics.evaluate(variables.get("B")));
        assertEquals("not-prod", intrinsics.evaluate(variables.get("C")));
        assertEquals("arn:aws:s3:::stack-uploads-1", intrinsics.evaluate(variables.get("D")));
        assertEquals("dev-http://b", intrinsics.evaluate(variables.get("E")));
        assertEquals("dev!", intrinsics.evaluate(variables.get("F")));
        assertEquals(
                "stack-uploads-1",
                intrinsics.evaluate(
                        SamTemplate.properties(template.resource("Bucket")).get("BucketName")));
        assertEquals(List.of("http://a", "http://b"), intrinsics.evaluate(Map.of("Ref", "Origins")));
    }

    @Test
    void conditionsCombineAndNoValueDropsWhatItStandsFor() throws IOException {
        SamTemplate template = template("""
                Parameters:
                  Origins: {Type: CommaDelimitedList, Default: ""}
                Conditions:
                  HasOrigins: !Not [!Equals [!Join ['', !Ref Origins], '']]
                  Both: !And [!Condition HasOrigins, !Equals [a, a]]
                  Either: !Or [!Condition HasOrigins, !Equals [a, a]]
                Resources: {}
                """);
        Map<String, Object> cors = Map.of(
                "Cors",
                Map.of(
                        "Fn::If",
                        List.of(
                                "HasOrigins",
                                Map.of(
                                        "Fn::Split",
                                        List.of(",", Map.of("Fn::Join", List.of(",", Map.of("Ref", "Origins"))))),
                                Map.of("Ref", "AWS::NoValue"))),
                "Kept",
                "yes");
        Intrinsics none = new Intrinsics(template, Map.of("Origins", ""), attribute -> null);
        assertEquals(false, none.condition("HasOrigins"));
        assertEquals(false, none.condition("Both"));
        assertEquals(true, none.condition("Either"));
        assertEquals(Map.of("Kept", "yes"), none.evaluate(cors));
        assertEquals(List.of("x"), none.evaluate(List.of("x", Map.of("Ref", "AWS::NoValue"))));

        Intrinsics some = new Intrinsics(template, Map.of("Origins", "http://a,http://b"), attribute -> null);
        assertEquals(true, some.condition("Both"));
        assertEquals(Map.of("Cors", List.of("http://a", "http://b"), "Kept", "yes"), some.evaluate(cors));
    }

    @Test
    void unknownReferenceIsAnErrorNotANull() throws IOException {
        Intrinsics intrinsics = new Intrinsics(template(YAML), Map.of(), attribute -> null);
        IllegalArgumentException error =
                assertThrows(IllegalArgumentException.class, () -> intrinsics.evaluate(Map.of("Ref", "Nope")));
        assertEquals("the local stack has no value for !Ref Nope", error.getMessage());
    }

    @Test
    void aFileWithoutResourcesIsNotATemplate() throws IOException {
        Path file = Files.createTempFile("not-a-template", ".yaml");
        Files.writeString(file, "hello: world\n");
        assertThrows(IllegalArgumentException.class, () -> SamTemplate.read(file));
    }
}
