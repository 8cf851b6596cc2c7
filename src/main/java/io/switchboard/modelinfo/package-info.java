/**
 * Facts about models that providers do not tell at call time: context windows, output limits and
 * prices, from LiteLLM's community table (shipped as a resource, MIT licence, origin in
 * {@code modelinfo/README.md}) overridden per deployment by {@code model_info} in config.yaml.
 */
package io.switchboard.modelinfo;
