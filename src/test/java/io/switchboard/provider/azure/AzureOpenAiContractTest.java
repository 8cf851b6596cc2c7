package io.switchboard.provider.azure;

import io.switchboard.provider.Deployment;
import io.switchboard.provider.ProviderAdapter;
import io.switchboard.provider.openai.OpenAiContractTest;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/** The adapter contract for Azure OpenAI: OpenAI's wire fixtures, Azure's deployment URLs and api-key header. */
class AzureOpenAiContractTest extends OpenAiContractTest {
    @Override
    protected ProviderAdapter adapter() {
        return new AzureOpenAiAdapter();
    }

    @Override
    protected Deployment deployment() {
        return new Deployment("d", "group", "azure", "prod-gpt4o", URI.create("https://contoso.openai.azure.com"),
                "azure-contract-secret-0001", "2024-10-21", Duration.ofSeconds(5), Duration.ofSeconds(5), Map.of(),
                null, false);
    }
}
