-- Phase 2: ElevenLabs is gone.
BEGIN;
ALTER TABLE agents DROP COLUMN IF EXISTS elevenlabs_agent_id;
ALTER TABLE calls DROP COLUMN IF EXISTS elevenlabs_conversation_id;
ALTER TABLE agents ALTER COLUMN bolna_agent_id SET NOT NULL;
ALTER TABLE agents ADD CONSTRAINT agents_bolna_agent_id_key UNIQUE (bolna_agent_id);
ALTER TABLE calls ALTER COLUMN bolna_conversation_id SET NOT NULL;
ALTER TABLE calls ALTER COLUMN bolna_execution_id SET NOT NULL;
ALTER TABLE calls ADD CONSTRAINT calls_bolna_execution_id_key UNIQUE (bolna_execution_id);
COMMIT;
