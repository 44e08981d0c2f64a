--
-- PostgreSQL database dump
--

\restrict k3Jq0Hx9bq2cTg1m

-- Dumped from database version 16.4
-- Dumped by pg_dump version 16.4

SET statement_timeout = 0;
SET lock_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;

CREATE SCHEMA audit;

ALTER SCHEMA audit OWNER TO app;

CREATE TYPE public.member_role AS ENUM (
    'owner',
    'admin',
    'member'
);

ALTER TYPE public.member_role OWNER TO app;

CREATE FUNCTION public.set_updated_at() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
  NEW.updated_at = now();
  RETURN NEW;
END;
$$;

SET default_tablespace = '';
SET default_table_access_method = heap;

CREATE TABLE public.teams (
    id integer NOT NULL,
    name character varying(80) NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone
);

ALTER TABLE public.teams OWNER TO app;

CREATE SEQUENCE public.teams_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.teams_id_seq OWNED BY public.teams.id;

CREATE TABLE public.memberships (
    id bigint NOT NULL,
    team_id integer NOT NULL,
    user_email text NOT NULL,
    role public.member_role DEFAULT 'member'::public.member_role NOT NULL,
    invited_at timestamp without time zone
);

ALTER TABLE public.memberships ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.memberships_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE audit.events (
    id bigint NOT NULL,
    team_id integer,
    payload jsonb DEFAULT '{}'::jsonb NOT NULL,
    at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL
)
PARTITION BY RANGE (at);

CREATE MATERIALIZED VIEW public.team_sizes AS
 SELECT team_id,
    count(*) AS members
   FROM public.memberships
  GROUP BY team_id
  WITH NO DATA;

ALTER TABLE ONLY public.teams ALTER COLUMN id SET DEFAULT nextval('public.teams_id_seq'::regclass);

COPY public.teams (id, name, created_at, updated_at) FROM stdin;
1	Platform	2024-01-01 00:00:00+00	\N
2	Data; Analytics	2024-01-02 00:00:00+00	\N
\.

SELECT pg_catalog.setval('public.teams_id_seq', 2, true);

ALTER TABLE ONLY public.teams
    ADD CONSTRAINT teams_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.teams
    ADD CONSTRAINT teams_name_key UNIQUE (name);

ALTER TABLE ONLY public.memberships
    ADD CONSTRAINT memberships_pkey PRIMARY KEY (id);

CREATE UNIQUE INDEX memberships_team_email_idx ON public.memberships USING btree (team_id, lower(user_email));

CREATE INDEX events_team_idx ON ONLY audit.events USING btree (team_id);

CREATE TRIGGER teams_updated_at BEFORE UPDATE ON public.teams FOR EACH ROW EXECUTE FUNCTION public.set_updated_at();

ALTER TABLE ONLY public.memberships
    ADD CONSTRAINT memberships_team_id_fkey FOREIGN KEY (team_id) REFERENCES public.teams(id) ON DELETE CASCADE;

GRANT SELECT ON TABLE public.teams TO reporting;

--
-- PostgreSQL database dump complete
--

\unrestrict k3Jq0Hx9bq2cTg1m
