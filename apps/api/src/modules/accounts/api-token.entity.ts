import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm'

export type ApiTokenScope = 'READ' | 'READ_WRITE'

/** An integrator's credential. The secret is shown once at creation; only its SHA-256 is stored. */
@Entity('api_tokens')
export class ApiToken {
  @PrimaryGeneratedColumn('uuid') id!: string
  @Column({ type: 'text' }) name!: string
  @Column({ type: 'text', name: 'token_hash' }) tokenHash!: string
  @Column({ type: 'text', name: 'token_prefix' }) tokenPrefix!: string
  @Column({ type: 'text' }) scope!: ApiTokenScope
  @Column({ type: 'uuid', name: 'customer_id', nullable: true }) customerId!: string | null
  @Column({ type: 'uuid', name: 'created_by_id' }) createdById!: string
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date
  @Column({ type: 'timestamptz', name: 'expires_at', nullable: true }) expiresAt!: Date | null
  @Column({ type: 'timestamptz', name: 'last_used_at', nullable: true }) lastUsedAt!: Date | null
  @Column({ type: 'timestamptz', name: 'revoked_at', nullable: true }) revokedAt!: Date | null
}
