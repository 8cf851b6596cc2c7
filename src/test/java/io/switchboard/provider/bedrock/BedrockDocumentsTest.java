package io.switchboard.provider.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import io.switchboard.chat.ChatRequestReader;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** OpenAI {@code file} parts as Converse {@code document} (or {@code image}) blocks, and what Converse refuses. */
class BedrockDocumentsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PDF = "JVBERi0xLjQKJcOkw7zDtsOf"; // "%PDF-1.4\n%äüöß"
    private final BedrockAdapter adapter = new BedrockAdapter(Clock.fixed(BedrockAdapterTest.NOW, ZoneOffset.UTC));

    private JsonNode userContent(String filePart) throws Exception {
        String request = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\","
                + "\"text\":\"Summarise\"}," + filePart + "]}]}";
        JsonNode body = JSON.readTree(adapter.toProviderRequest(ChatRequestReader.read(JSON.readTree(request)),
                BedrockAdapterTest.deployment("anthropic.claude-3-5-sonnet-20240620-v1:0", null, false,
                        BedrockAdapterTest.KEYS)).body());
        return body.at("/messages/0/content");
    }

    private static String file(String mime, String data, String filename) {
        return "{\"type\":\"file\",\"file\":{\"file_data\":\"data:" + mime + ";base64," + data + "\""
                + (filename == null ? "" : ",\"filename\":\"" + filename + "\"") + "}}";
    }

    @Test
    void aPdfFilePartIsADocumentBlockNamedAfterItsFile() throws Exception {
        JsonNode content = userContent(file("application/pdf", PDF, "Q3_report (final).v2.pdf"));
        assertEquals(JSON.readTree("{\"document\":{\"format\":\"pdf\",\"name\":\"Q3-report (final)-v2\","
                + "\"source\":{\"bytes\":\"" + PDF + "\"}}}"), content.get(1));
        assertEquals("Summarise", content.get(0).path("text").asText());
    }

    @Test
    void everyDocumentedFormatMapsFromItsMimeType() throws Exception {
        Map<String, String> formats = Map.of("text/csv", "csv", "application/msword", "doc",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx",
                "application/vnd.ms-excel", "xls",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx",
                "text/html", "html", "text/plain", "txt", "text/markdown", "md");
        for (Map.Entry<String, String> format : formats.entrySet()) {
            assertEquals(format.getValue(), userContent(file(format.getKey(), "aGVsbG8=", "notes"))
                    .at("/1/document/format").asText(), format.getKey());
        }
    }

    @Test
    void withoutAFilenameTheNameIsAStableHashOfTheBytes() throws Exception {
        String first = userContent(file("text/plain", "aGVsbG8=", null)).at("/1/document/name").asText();
        String again = userContent(file("text/plain", "aGVsbG8=", "___")).at("/1/document/name").asText();
        String other = userContent(file("text/plain", "d29ybGQ=", null)).at("/1/document/name").asText();
        assertTrue(first.matches("Document [0-9a-f]{16}"), first);
        assertEquals(first, again, "the same bytes, the same name: Bedrock's prompt cache stays warm");
        assertTrue(!first.equals(other));
        assertEquals(200, BedrockDocuments.name("x".repeat(300) + ".pdf", PDF).length());
        assertEquals("a b", BedrockDocuments.name("a \t  b.txt", PDF), "no more than one whitespace in a row");
    }

    @Test
    void anImageFilePartIsAnImageBlock() throws Exception {
        assertEquals("png", userContent(file("image/png", "iVBORw0KGgo=", "cat.png")).at("/1/image/format").asText());
    }

    @Test
    void unsupportedFilesAre400sNamingTheirPart() {
        GatewayException format = assertThrows(GatewayException.class,
                () -> userContent(file("application/zip", "UEsDBA==", "a.zip")));
        assertEquals(ErrorKind.INVALID_REQUEST, format.kind());
        assertEquals("messages[0].content[1].file.file_data", format.param());
        assertTrue(format.getMessage().contains("application/zip"));
        GatewayException fileId = assertThrows(GatewayException.class,
                () -> userContent("{\"type\":\"file\",\"file\":{\"file_id\":\"file-abc\"}}"));
        assertEquals("messages[0].content[1].file.file_data", fileId.param());
        GatewayException url = assertThrows(GatewayException.class,
                () -> userContent("{\"type\":\"file\",\"file\":{\"file_data\":\"https://example.com/a.pdf\"}}"));
        assertEquals("messages[0].content[1].file.file_data", url.param());
    }
}
