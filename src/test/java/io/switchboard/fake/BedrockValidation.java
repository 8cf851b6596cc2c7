package io.switchboard.fake;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The request rules the fake Bedrock enforces, each answered with the ValidationException message Bedrock gives
 * (reference §3.3; messages as recorded, or as close as the docs say). Returns null when the body is valid.
 */
final class BedrockValidation {
    private static final Set<String> TOP_LEVEL = Set.of("messages", "system", "inferenceConfig", "toolConfig",
            "guardrailConfig", "additionalModelRequestFields", "additionalModelResponseFieldPaths", "promptVariables",
            "requestMetadata", "performanceConfig");
    private static final Set<String> INFERENCE = Set.of("maxTokens", "temperature", "topP", "stopSequences");
    private static final Set<String> BLOCKS = Set.of("text", "image", "document", "toolUse", "toolResult",
            "reasoningContent", "guardContent", "cachePoint", "video");
    private static final Set<String> IMAGE_FORMATS = Set.of("png", "jpeg", "gif", "webp");
    private static final Set<String> DOCUMENT_FORMATS = Set.of("pdf", "csv", "doc", "docx", "xls", "xlsx", "html",
            "txt", "md");
    /** DocumentBlock.name: alphanumerics, single whitespace, hyphens, parentheses, square brackets; 1..200. */
    private static final Pattern DOCUMENT_NAME =
            Pattern.compile("(?!.*\\s\\s)[A-Za-z0-9\\s()\\[\\]-]{1,200}");

    private BedrockValidation() {
    }

    static String converse(JsonNode body) {
        String unknown = unknownKey(body, TOP_LEVEL);
        if (unknown == null) {
            unknown = unknownKey(body.path("inferenceConfig"), INFERENCE);
        }
        if (unknown != null) {
            return "Malformed input request: extraneous key [" + unknown + "] is not permitted, please reformat"
                    + " your input and try again.";
        }
        JsonNode messages = body.path("messages");
        if (!messages.isArray() || messages.isEmpty()) {
            return "A conversation must start with a user message. Try again with a conversation that starts with"
                    + " a user message.";
        }
        boolean hasTools = body.path("toolConfig").path("tools").size() > 0;
        Set<String> openCalls = new HashSet<>();
        String previousRole = null;
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            String role = m.path("role").asText();
            if (i == 0 && !role.equals("user")) {
                return "A conversation must start with a user message. Try again with a conversation that starts"
                        + " with a user message.";
            }
            if (!role.equals("user") && !role.equals("assistant")) {
                return "1 validation error detected: Value '" + role + "' at 'messages." + (i + 1)
                        + ".member.role' failed to satisfy constraint: Member must satisfy enum value set: [user, assistant]";
            }
            if (role.equals(previousRole)) {
                return "A conversation must alternate between user and assistant roles. Make sure the conversation"
                        + " alternates between user and assistant roles and try again.";
            }
            previousRole = role;
            JsonNode content = m.path("content");
            if (!content.isArray() || content.isEmpty()) {
                return "The content field in the Message object at messages." + i + " is empty. Add a ContentBlock"
                        + " object to the content field and try again.";
            }
            Set<String> calls = new HashSet<>();
            for (JsonNode block : content) {
                String problem = block(block, role, hasTools, openCalls, calls, i);
                if (problem != null) {
                    return problem;
                }
            }
            openCalls = calls;
        }
        return toolConfig(body.path("toolConfig"));
    }

    private static String block(JsonNode block, String role, boolean hasTools, Set<String> openCalls,
                                Set<String> calls, int i) {
        if (block.size() != 1 || !BLOCKS.contains(block.fieldNames().next())) {
            return "Malformed input request: ContentBlock at messages." + i + " must set exactly one member.";
        }
        if (block.has("text") && block.path("text").asText("").isBlank()) {
            return "The text field in the ContentBlock object at messages." + i + ".content.0 is blank. Add text to"
                    + " the text field, and try again.";
        }
        if (block.has("image")) {
            JsonNode image = block.get("image");
            if (!IMAGE_FORMATS.contains(image.path("format").asText())) {
                return "The image format is not supported.";
            }
            try {
                Base64.getDecoder().decode(image.path("source").path("bytes").asText(""));
            } catch (IllegalArgumentException e) {
                return "Invalid image bytes: the image could not be decoded.";
            }
        }
        if (block.has("document")) {
            String problem = document(block.get("document"), i);
            if (problem != null) {
                return problem;
            }
        }
        if ((block.has("toolUse") || block.has("toolResult")) && !hasTools) {
            return "The toolConfig field must be defined when using toolUse and toolResult content blocks.";
        }
        if (block.has("toolUse")) {
            if (!role.equals("assistant") || !block.get("toolUse").path("input").isObject()) {
                return "toolUse blocks belong to assistant turns and need an input object.";
            }
            calls.add(block.get("toolUse").path("toolUseId").asText());
        }
        if (block.has("toolResult")) {
            String id = block.get("toolResult").path("toolUseId").asText();
            if (!role.equals("user") || !openCalls.contains(id)) {
                return "The toolUseId " + id + " in a toolResult block does not match a toolUse block in the"
                        + " previous turn.";
            }
        }
        return null;
    }

    /** DocumentBlock (API_runtime_DocumentBlock): format from the enum, a well-formed name, base64 bytes. */
    private static String document(JsonNode document, int i) {
        String format = document.path("format").asText("");
        if (!DOCUMENT_FORMATS.contains(format)) {
            return "1 validation error detected: Value '" + format + "' at 'messages." + (i + 1)
                    + ".member.content.member.document.format' failed to satisfy constraint: Member must satisfy"
                    + " enum value set: [pdf, csv, doc, docx, xls, xlsx, html, txt, md]";
        }
        if (!DOCUMENT_NAME.matcher(document.path("name").asText("")).matches()) {
            return "The document file name can only contain alphanumeric characters, whitespace characters, hyphens,"
                    + " parentheses, and square brackets. The name can't contain more than one consecutive"
                    + " whitespace character.";
        }
        JsonNode source = document.path("source");
        if (source.size() != 1 || !source.has("bytes")) {
            return "Malformed input request: the document source must set exactly one member.";
        }
        try {
            if (Base64.getDecoder().decode(source.get("bytes").asText("")).length == 0) {
                return "The document bytes are empty.";
            }
        } catch (IllegalArgumentException e) {
            return "Invalid document bytes: the document could not be decoded.";
        }
        return null;
    }

    private static String toolConfig(JsonNode config) {
        if (config.isMissingNode()) {
            return null;
        }
        if (config.path("tools").isEmpty()) {
            return "1 validation error detected: Value '[]' at 'toolConfig.tools' failed to satisfy constraint:"
                    + " Member must have length greater than or equal to 1";
        }
        for (JsonNode tool : config.path("tools")) {
            JsonNode spec = tool.path("toolSpec");
            if (spec.path("name").asText("").isEmpty() || !spec.path("inputSchema").path("json").isObject()) {
                return "The toolSpec of a tool needs a name and inputSchema.json.";
            }
        }
        JsonNode choice = config.get("toolChoice");
        if (choice != null && (choice.size() != 1 || !Set.of("auto", "any", "tool").contains(choice.fieldNames().next()))) {
            return "toolChoice must set exactly one of auto, any or tool.";
        }
        return null;
    }

    static String embedding(String model, JsonNode body) {
        if (model.contains("titan-embed")) {
            String unknown = unknownKey(body, Set.of("inputText", "dimensions", "normalize", "embeddingTypes"));
            if (unknown != null || !body.path("inputText").isTextual()) {
                return "Malformed input request: " + (unknown != null ? "extraneous key [" + unknown
                        + "] is not permitted" : "required key [inputText] not found") + ", please reformat your"
                        + " input and try again.";
            }
            return null;
        }
        JsonNode texts = body.path("texts");
        if (!texts.isArray() || texts.isEmpty() || texts.size() > 96 || !body.path("input_type").isTextual()) {
            return "Malformed input request: #: required key [input_type] not found, or texts is not 1..96 items,"
                    + " please reformat your input and try again.";
        }
        return null;
    }

    private static String unknownKey(JsonNode node, Set<String> allowed) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                return name;
            }
        }
        return null;
    }
}
