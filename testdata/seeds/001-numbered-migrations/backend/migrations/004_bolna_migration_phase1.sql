-- Phase 1: Bolna.ai columns next to the ElevenLabs ones.
ALTER TABLE agents ADD COLUMN bolna_agent_id VARCHAR(255);
ALTER TABLE agents ADD COLUMN bolna_config JSONB DEFAULT '{}'::jsonb;
ALTER TABLE calls ADD COLUMN bolna_conversation_id VARCHAR(255);
ALTER TABLE calls ADD COLUMN bolna_execution_id VARCHAR(255);
