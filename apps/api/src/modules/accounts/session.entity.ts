import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm'

/** A signed-in browser. The cookie holds a random token; only its SHA-256 is stored. */
@Entity('sessions')
export class Session {
  @PrimaryGeneratedColumn('uuid') id!: string
  @Column({ type: 'text', name: 'token_hash' }) tokenHash!: string
  @Column({ type: 'uuid', name: 'staff_user_id', nullable: true }) staffUserId!: string | null
  @Column({ type: 'uuid', name: 'contact_id', nullable: true }) contactId!: string | null
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date
  @Column({ type: 'timestamptz', name: 'expires_at' }) expiresAt!: Date
  @Column({ type: 'text', nullable: true }) ip!: string | null
  @Column({ type: 'text', name: 'user_agent', nullable: true }) userAgent!: string | null
}
