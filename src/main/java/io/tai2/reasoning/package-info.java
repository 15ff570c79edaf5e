/** The reasoning engine: prompts, the LLM client and decisions that can be trusted. */
package io.tai2.reasoning;
