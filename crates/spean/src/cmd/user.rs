//! `spean user`: manage accounts from the command line (the first administrator of a
//! new node is made here). Every change is audited as done by `system`.

use std::io::BufRead;
use std::process::ExitCode;

use anyhow::{Context, bail};
use spean_core::role::{Membership, Role};
use spean_core::user::{Username, check_new_password};
use spean_store::audit::{self, AuditActor, AuditEvent};
use spean_store::users::{self, NewUser};
use spean_store::{Store, agencies, now_millis, sessions};

use crate::settings::{self, NodeFlags};

/// Arguments of `spean user`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    #[command(flatten)]
    node: NodeFlags,
    #[command(subcommand)]
    command: UserCommand,
}

#[derive(Debug, clap::Subcommand)]
enum UserCommand {
    /// Add an account with one role in one agency. The password is read from
    /// standard input with `--password-stdin`, or generated and printed once.
    Add {
        /// Login name (3-64 of a-z, 0-9, `.`, `_`, `-`).
        username: String,
        /// Name shown in the interface.
        #[arg(long)]
        display_name: String,
        /// Agency code (`DSI`).
        #[arg(long)]
        agency: String,
        /// Role: administrator, intake_officer, investigator, prosecutor, social_worker,
        /// liaison_officer, analyst, auditor.
        #[arg(long)]
        role: String,
        /// Read the password from the first line of standard input.
        #[arg(long)]
        password_stdin: bool,
    },
    /// Grant a further role in an agency.
    Grant {
        /// Login name.
        username: String,
        /// Agency code.
        #[arg(long)]
        agency: String,
        /// Role code.
        #[arg(long)]
        role: String,
    },
    /// Disable an account and end its sessions.
    Disable {
        /// Login name.
        username: String,
    },
    /// Enable a disabled account.
    Enable {
        /// Login name.
        username: String,
    },
    /// Set a new password (ends the account's sessions).
    ResetPassword {
        /// Login name.
        username: String,
        /// Read the password from the first line of standard input.
        #[arg(long)]
        password_stdin: bool,
    },
    /// Issue an API bearer token (valid thirty days) and print it once.
    Token {
        /// Login name.
        username: String,
    },
    /// List accounts with their roles.
    List,
}

fn password(from_stdin: bool) -> anyhow::Result<(String, bool)> {
    if from_stdin {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .context("reading the password from standard input")?;
        let password = line.trim_end_matches(['\n', '\r']).to_owned();
        if check_new_password(&password).is_err() {
            bail!("the password must have 12 to 256 characters");
        }
        Ok((password, false))
    } else {
        Ok((spean_server::auth::random_token(), true))
    }
}

async fn membership(store: &Store, agency: &str, role: &str) -> anyhow::Result<Membership> {
    let role = Role::parse(role).with_context(|| format!("unknown role `{role}`"))?;
    let mut conn = store.read().await?;
    let agency = agencies::find_agency_by_code(&mut conn, agency)
        .await?
        .with_context(|| format!("no agency with code `{agency}` (see `spean agency list`)"))?;
    Ok(Membership {
        agency: agency.id,
        role,
    })
}

async fn find(store: &Store, username: &str) -> anyhow::Result<users::UserRecord> {
    let mut conn = store.read().await?;
    users::find_user_by_username(&mut conn, &username.to_lowercase())
        .await?
        .with_context(|| format!("no user `{username}`"))
}

async fn audited(
    store: &Store,
    action: &str,
    user: &users::UserRecord,
    detail: String,
) -> anyhow::Result<spean_store::Tx> {
    let mut tx = store.begin().await?;
    let event = AuditEvent {
        action,
        entity_type: Some("user"),
        entity_id: Some(user.id.to_string()),
        detail,
    };
    audit::append(&mut tx, &AuditActor::system(), event).await?;
    Ok(tx)
}

pub(crate) fn run(args: Args) -> anyhow::Result<ExitCode> {
    let config = settings::load(&args.node)?;
    settings::runtime()?.block_on(async {
        let store = settings::open_store(&config).await?;
        let result = execute(&store, args.command).await;
        store.close().await;
        result
    })?;
    Ok(ExitCode::SUCCESS)
}

async fn execute(store: &Store, command: UserCommand) -> anyhow::Result<()> {
    match command {
        UserCommand::Add {
            username,
            display_name,
            agency,
            role,
            password_stdin,
        } => {
            let username = Username::parse(&username).map_err(|_| {
                anyhow::anyhow!("invalid username: use 3-64 of a-z, 0-9, `.`, `_`, `-`")
            })?;
            let membership = membership(store, &agency, &role).await?;
            let (password, generated) = password(password_stdin)?;
            let password_hash = spean_server::auth::hash_password(&password)?;
            let mut tx = store.begin().await?;
            let new = NewUser {
                username: username.clone(),
                display_name,
                password_hash,
                memberships: vec![membership],
            };
            let id = users::insert_user(&mut tx, &new)
                .await
                .map_err(|e| match e {
                    spean_store::StoreError::Duplicate(_) => {
                        anyhow::anyhow!("user `{username}` already exists")
                    }
                    other => other.into(),
                })?;
            let event = AuditEvent {
                action: "user.create",
                entity_type: Some("user"),
                entity_id: Some(id.to_string()),
                detail: format!("{{\"role\":\"{}\"}}", membership.role.code()),
            };
            audit::append(&mut tx, &AuditActor::system(), event).await?;
            tx.commit().await?;
            println!("added user {username}");
            if generated {
                println!("initial password (shown once): {password}");
            }
            if membership.role == Role::Administrator {
                println!("administrators set up a second factor (TOTP) at their first sign-in");
            }
        }
        UserCommand::Grant {
            username,
            agency,
            role,
        } => {
            let user = find(store, &username).await?;
            let membership = membership(store, &agency, &role).await?;
            let mut tx = audited(
                store,
                "user.role_grant",
                &user,
                format!(
                    "{{\"agency\":\"{}\",\"role\":\"{}\"}}",
                    membership.agency,
                    membership.role.code()
                ),
            )
            .await?;
            users::grant_role(&mut tx, user.id, membership).await?;
            tx.commit().await?;
            println!(
                "granted {} in {agency} to {username}",
                membership.role.code()
            );
        }
        UserCommand::Disable { username } => {
            let user = find(store, &username).await?;
            let mut tx = audited(store, "user.disable", &user, String::new()).await?;
            users::set_disabled(&mut tx, user.id, true).await?;
            sessions::delete_all_for_user(&mut tx, user.id).await?;
            tx.commit().await?;
            println!("disabled {username}");
        }
        UserCommand::Enable { username } => {
            let user = find(store, &username).await?;
            let mut tx = audited(store, "user.enable", &user, String::new()).await?;
            users::set_disabled(&mut tx, user.id, false).await?;
            tx.commit().await?;
            println!("enabled {username}");
        }
        UserCommand::ResetPassword {
            username,
            password_stdin,
        } => {
            let user = find(store, &username).await?;
            let (password, generated) = password(password_stdin)?;
            let hash = spean_server::auth::hash_password(&password)?;
            let mut tx = audited(store, "user.password_reset", &user, String::new()).await?;
            users::set_password_hash(&mut tx, user.id, &hash).await?;
            sessions::delete_all_for_user(&mut tx, user.id).await?;
            tx.commit().await?;
            println!("password of {username} reset");
            if generated {
                println!("new password (shown once): {password}");
            }
        }
        UserCommand::Token { username } => {
            let user = find(store, &username).await?;
            if user.disabled {
                bail!("user `{username}` is disabled");
            }
            let token = spean_server::auth::random_token();
            let now = now_millis();
            let mut tx = audited(store, "api_token.create", &user, String::new()).await?;
            sessions::insert_api_token(
                &mut tx,
                &token,
                user.id,
                now,
                now + spean_server::auth::API_TOKEN_MS,
            )
            .await?;
            tx.commit().await?;
            println!("{token}");
        }
        UserCommand::List => {
            let mut conn = store.read().await?;
            let all = agencies::list_agencies(&mut conn).await?;
            let ids: Vec<_> = all.iter().map(|a| a.id).collect();
            for user in users::list_users_in(&mut conn, &ids).await? {
                let roles: Vec<String> = user
                    .memberships
                    .iter()
                    .map(|m| {
                        format!(
                            "{}:{}",
                            all.iter()
                                .find(|a| a.id == m.agency)
                                .map_or("?", |a| a.code.as_str()),
                            m.role.code()
                        )
                    })
                    .collect();
                let status = if user.disabled { " (disabled)" } else { "" };
                println!(
                    "{}\t{}\t{}{status}",
                    user.username,
                    user.display_name,
                    roles.join(" ")
                );
            }
        }
    }
    Ok(())
}
