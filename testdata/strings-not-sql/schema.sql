CREATE TABLE carts (
    id bigserial PRIMARY KEY,
    owner text NOT NULL
);
