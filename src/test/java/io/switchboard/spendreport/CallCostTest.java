package io.switchboard.spendreport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.GatewayException;
import io.switchboard.admin.AdminJson;
import io.switchboard.chat.ChatMessage;
import io.switchboard.chat.ChatRequestReader;
import io.switchboard.modelinfo.ModelFacts;
import io.switchboard.modelinfo.TokenCost;
import io.switchboard.spend.PromptTokens;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** /spend/calculate prices with the billing function at the deployment's prices. */
class CallCostTest {
    /** $1.5e-7 per input token, $6e-7 per output token, $7.5e-8 per cached input token. */
    private static final ModelFacts MINI = new ModelFacts(128_000, 16_384, new BigDecimal("1.5e-7"),
            new BigDecimal("6e-7"), "chat", new BigDecimal("7.5e-8"), null);

    @Test
    void aCompletionResponseIsPricedFromItsUsageExactly() {
        ObjectNode body = AdminJson.parse("""
                {"completion_response": {"model": "gpt-4o-mini", "usage": {"prompt_tokens": 1000,
                 "completion_tokens": 200, "total_tokens": 1200, "prompt_tokens_details": {"cached_tokens": 400},
                 "completion_tokens_details": {"reasoning_tokens": 0}}}}""");
        BigDecimal cost = CallCost.of(body, model -> {
            assertEquals("gpt-4o-mini", model);
            return MINI;
        });
        // 600 x 1.5e-7 + 400 x 7.5e-8 + 200 x 6e-7 = 0.00009 + 0.00003 + 0.00012
        assertEquals(0, new BigDecimal("0.00024").compareTo(cost), cost.toPlainString());
        assertEquals(0, TokenCost.of(MINI, 1000, 400, 200, 0).compareTo(cost), "the function that bills calls");
    }

    @Test
    void theModelFieldNamesTheDeploymentWhenGiven() {
        ObjectNode body = AdminJson.parse("""
                {"model": "my-group", "completion_response": {"model": "gpt-4o-mini-2024-07-18",
                 "usage": {"prompt_tokens": 10, "completion_tokens": 5}}}""");
        BigDecimal cost = CallCost.of(body, model -> {
            assertEquals("my-group", model);
            return MINI;
        });
        assertEquals(0, new BigDecimal("0.0000045").compareTo(cost));
    }

    @Test
    void messagesArePricedAsTheirPromptByTheAdmissionTokenizer() {
        ObjectNode body = AdminJson.parse("""
                {"model": "gpt-4o-mini", "messages": [{"role": "system", "content": "Be brief."},
                 {"role": "user", "content": "How many tokens is this sentence?"}]}""");
        List<ChatMessage> messages = ChatRequestReader.read(body).messages();
        long prompt = PromptTokens.ofMessages(messages);
        BigDecimal cost = CallCost.of(body, model -> MINI);
        assertEquals(0, new BigDecimal("1.5e-7").multiply(BigDecimal.valueOf(prompt)).compareTo(cost));
    }

    @Test
    void clientMistakesAre400sNamingTheField() {
        assertEquals("messages", param("{\"model\": \"gpt-4o-mini\"}"));
        assertEquals("model", param("{\"messages\": []}"));
        assertEquals("completion_response.usage", param("{\"completion_response\": {\"model\": \"m\"}}"));
        assertEquals("completion_response.usage.prompt_tokens",
                param("{\"completion_response\": {\"model\": \"m\", \"usage\": {\"prompt_tokens\": -1}}}"));
        assertEquals("model", param("{\"completion_response\": {\"usage\": {\"prompt_tokens\": 1}}}"));
        GatewayException unpriced = assertThrows(GatewayException.class, () -> CallCost.of(AdminJson.parse(
                "{\"completion_response\": {\"model\": \"m\", \"usage\": {\"prompt_tokens\": 1}}}"),
                model -> ModelFacts.UNKNOWN));
        assertEquals("model", unpriced.param());
    }

    private static String param(String body) {
        return assertThrows(GatewayException.class, () -> CallCost.of(AdminJson.parse(body), model -> MINI)).param();
    }
}
