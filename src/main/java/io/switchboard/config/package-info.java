/**
 * Loads LiteLLM's {@code config.yaml} into typed, validated records ({@link io.switchboard.config.GatewayConfig}),
 * resolving {@code os.environ/NAME} references and naming file, line and key path in every error.
 * Keys the file uses but this version does not implement are kept as raw JSON trees and reported,
 * never rejected, so a LiteLLM config keeps working while features land.
 */
package io.switchboard.config;
