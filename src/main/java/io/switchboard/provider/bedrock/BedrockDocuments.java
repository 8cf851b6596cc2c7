package io.switchboard.provider.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.GatewayException;
import io.switchboard.chat.ContentPart;
import io.switchboard.chat.WireJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * OpenAI {@code file} content parts ({@code {"type":"file","file":{"file_data":"data:application/pdf;base64,…",
 * "filename"}}}) as Converse {@code document} blocks ({@code {"document":{"format","name","source":{"bytes"}}}}),
 * or {@code image} blocks when the file is an image, as LiteLLM sends them. Converse's DocumentBlock
 * (docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_DocumentBlock.html) takes the formats pdf, csv,
 * doc, docx, xls, xlsx, html, txt and md, and a required name of 1 to 200 characters that are alphanumeric, single
 * whitespace, hyphens, parentheses or square brackets. The name comes from the client's {@code filename} with
 * every other character made a hyphen, else from a hash of the bytes: the same document gets the same name on
 * every turn, which keeps Bedrock's prompt cache warm (LiteLLM names it by a hash for the same reason). A
 * {@code file_id} (an upload to OpenAI) means nothing to Bedrock and is refused with a 400 naming it.
 */
final class BedrockDocuments {
    private static final Map<String, String> FORMATS = Map.of(
            "application/pdf", "pdf",
            "text/csv", "csv",
            "application/msword", "doc",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx",
            "application/vnd.ms-excel", "xls",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx",
            "text/html", "html",
            "text/plain", "txt",
            "text/markdown", "md");
    private static final int MAX_NAME = 200;

    private BedrockDocuments() {
    }

    /** The block for a {@code file} part at {@code path} (e.g. {@code messages[0].content[1]}). */
    static ObjectNode fromFilePart(ContentPart.OtherPart part, String path) {
        JsonNode file = part.raw().path("file");
        JsonNode data = file.get("file_data");
        if (data == null || !data.isTextual()) {
            throw GatewayException.invalidRequest("Bedrock models take files as 'file_data' (a base64 'data:' URL);"
                    + " a 'file_id' cannot be sent to Bedrock.", path + ".file.file_data");
        }
        String url = data.textValue();
        int comma = url.indexOf(',');
        String header = url.startsWith("data:") && comma > 0 ? url.substring(5, comma) : "";
        if (!header.endsWith(";base64")) {
            throw GatewayException.invalidRequest("'file_data' must be a base64 'data:' URL"
                    + " (data:application/pdf;base64,...).", path + ".file.file_data");
        }
        String mimeType = header.substring(0, header.length() - ";base64".length());
        if (mimeType.startsWith("image/")) {
            return BedrockMessages.imageBlock(url, path + ".file.file_data");
        }
        String format = FORMATS.get(mimeType);
        if (format == null) {
            throw GatewayException.invalidRequest("Bedrock models do not take files of type '" + mimeType
                    + "'; they take pdf, csv, doc, docx, xls, xlsx, html, txt and md documents, and png, jpeg, gif"
                    + " and webp images.", path + ".file.file_data");
        }
        String bytes = url.substring(comma + 1);
        ObjectNode block = WireJson.object();
        ObjectNode document = block.putObject("document");
        document.put("format", format);
        document.put("name", name(file.path("filename").asText(""), bytes));
        document.putObject("source").put("bytes", bytes);
        return block;
    }

    /** A name Converse accepts: the filename without its extension, or "Document" and a hash of the bytes. */
    static String name(String filename, String base64) {
        String stem = filename.contains(".") ? filename.substring(0, filename.lastIndexOf('.')) : filename;
        String cleaned = stem.replaceAll("[^A-Za-z0-9()\\[\\]\\s-]+", "-").replaceAll("\\s+", " ").strip();
        if (cleaned.replace("-", "").isEmpty()) {
            return "Document " + hash(base64);
        }
        return cleaned.length() > MAX_NAME ? cleaned.substring(0, MAX_NAME).strip() : cleaned;
    }

    private static String hash(String base64) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(base64.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
