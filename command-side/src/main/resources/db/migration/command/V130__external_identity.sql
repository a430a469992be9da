-- People who sign in through an external OIDC provider: the provider's (id, subject) pair names
-- exactly one account. Written by the command side together with the account row and the
-- organization's MemberAdded, in the provisioning transaction.
create table external_identity (
    provider_id text        not null,
    subject     text        not null,
    user_id     text        not null unique references user_account (user_id),
    created_at  timestamptz not null default now(),
    primary key (provider_id, subject)
);

-- Their accounts have no password: the password login refuses an account without a hash.
alter table user_account alter column password_hash drop not null;
