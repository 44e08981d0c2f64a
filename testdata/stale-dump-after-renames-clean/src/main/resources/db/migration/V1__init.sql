CREATE TABLE customer (
    id integer PRIMARY KEY,
    name varchar(100) NOT NULL,
    phone varchar(20),
    fax varchar(20)
);

CREATE TABLE purchase_order (
    id integer PRIMARY KEY,
    customer_id integer NOT NULL REFERENCES customer(id),
    amount integer NOT NULL
);
CREATE INDEX purchase_order_customer_idx ON purchase_order (customer_id);
